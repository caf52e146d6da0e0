using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Answers a coordinator's presigning steps (<see cref="PresignSteps"/>) over the bus. Only an
/// attested, reachable coordinator's node-signed request is served; the step's output goes back
/// to it alone, which relays the pairwise parts.
/// </summary>
internal sealed class PresignParticipant(NodeContext node, PresignSteps steps) : IConsumer<PresignStepRequested>
{
    public async Task Consume(ConsumeContext<PresignStepRequested> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id || m.Coordinator == node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(PresignStepRequested))) return;
        await node.Messenger.SendAsync(m.Coordinator, steps.Answer(m), context.CancellationToken).ConfigureAwait(false);
    }
}
