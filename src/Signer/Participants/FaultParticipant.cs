using CcTsa.Contracts.Messages.Faults;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Dev/test fault injection: clock skew (applied to the trusted clock), dropped peers (a
/// partition: nothing is sent to or accepted from them) and kill (vault wiped, node silent).
/// A node not started in fault mode refuses every fault and logs the attempt.
/// </summary>
internal sealed class FaultParticipant(NodeContext node, Func<Task> kill) : IConsumer<InjectFault>
{
    public async Task Consume(ConsumeContext<InjectFault> context)
    {
        var m = context.Message;
        if (node.Killed || m.Node != node.Id) return;
        if (!node.Faults.Apply(m))
        {
            SignerLog.FaultRefused(node.Logger, node.Id);
            return;
        }
        SignerLog.FaultInjected(node.Logger, node.Id, m.Kind.ToString());
        if (m.Kind == FaultKind.Kill) await kill().ConfigureAwait(false);
    }
}
