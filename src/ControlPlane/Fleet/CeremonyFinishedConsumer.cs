using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Hands every participant's ceremony outcome to the <see cref="CeremonyRunner"/> — only when the
/// participant signed it (<see cref="NodeMessageCheck"/>): a forged outcome could name culprits
/// or fail a ceremony in an honest node's name.
/// </summary>
public sealed class CeremonyFinishedConsumer(CeremonyRunner runner, NodeMessageCheck check) : IConsumer<CeremonyFinished>
{
    public Task Consume(ConsumeContext<CeremonyFinished> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!check.IsFrom(context.Message.Node, context.Message, context.Headers)) return Task.CompletedTask;
        runner.OnFinished(context.Message);
        return Task.CompletedTask;
    }
}
