using CcTsa.Contracts.Messages.Fleet;
using MassTransit;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>Hands published attestation reports to the <see cref="NodeAttestor"/> waiting for them.</summary>
public sealed class AttestationReportedConsumer(NodeAttestor attestor) : IConsumer<AttestationReported>
{
    public Task Consume(ConsumeContext<AttestationReported> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        attestor.OnReported(context.Message);
        return Task.CompletedTask;
    }
}
