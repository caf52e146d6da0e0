using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Answers a coordinator's threshold ML-DSA-65 commit and reveal steps (<see cref="MlDsaSteps"/>)
/// over the bus. Only an attested, reachable coordinator's node-signed request is served; the
/// answer goes back to it alone. The response round is <see cref="SigningParticipant"/>'s.
/// </summary>
internal sealed class MlDsaParticipant(NodeContext node, MlDsaSteps steps) : IConsumer<MlDsaRoundRequested>
{
    public async Task Consume(ConsumeContext<MlDsaRoundRequested> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id || m.Coordinator == node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(MlDsaRoundRequested))) return;
        await node.Messenger.SendAsync(m.Coordinator, steps.Answer(m), context.CancellationToken).ConfigureAwait(false);
    }
}
