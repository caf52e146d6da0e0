using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Pre-processing (RFC 9591 §5.1 in batches): on a coordinator's request, the node generates fresh
/// nonces in its epoch pool and sends back only the public commitments. The nonces stay in the
/// pool (sodium memory) until one signing round consumes each of them once.
/// </summary>
internal sealed class NonceParticipant(NodeContext node) : IConsumer<RequestNonceCommitments>
{
    /// <summary>Largest batch one request may ask for (bounds memory a coordinator can make us spend).</summary>
    public const int MaxPerRequest = 4096;

    public async Task Consume(ConsumeContext<RequestNonceCommitments> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(RequestNonceCommitments))) return;
        var issued = Issue(m.Coordinator, m.Epoch.Number, m.Count);
        if (issued is null) return;
        await node.Messenger.SendAsync(m.Coordinator, issued, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes up to <paramref name="count"/> commitments from the epoch pool; null when the epoch isn't held.</summary>
    public NonceCommitmentsIssued? Issue(NodeId coordinator, int epoch, int count)
    {
        var n = Math.Clamp(count, 0, MaxPerRequest);
        if (!node.Vault.Use(epoch, s => s.Nonces.Publish(n), out var commitments)) return null;
        SignerLog.CommitmentsIssued(node.Logger, node.Id, commitments.Count, coordinator, epoch);
        return new NonceCommitmentsIssued(node.Id, coordinator, new KeyEpoch(epoch), [.. commitments.Select(c => c.ToBytes())]);
    }
}
