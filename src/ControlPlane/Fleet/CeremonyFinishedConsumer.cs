using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>Hands every participant's ceremony outcome to the <see cref="CeremonyRunner"/>.</summary>
public sealed class CeremonyFinishedConsumer(CeremonyRunner runner) : IConsumer<CeremonyFinished>
{
    public Task Consume(ConsumeContext<CeremonyFinished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        runner.OnFinished(context.Message);
        return Task.CompletedTask;
    }
}
