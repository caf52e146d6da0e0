using CcTsa.Contracts.Messages.Signing;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Pre-processing (RFC 9591 §5.1 in batches): on a coordinator's request, the node generates fresh
/// nonces in its epoch pool and sends back only the public commitments. The nonces stay in the
/// pool (sodium memory) until one signing round consumes each of them once. The pool is shared by
/// every coordinator, so each gets a bounded share of it (<see cref="NonceQuotas"/>): a request
/// beyond the quota is answered <see cref="NonceCommitmentsRefused"/>, never by filling the pool.
/// </summary>
internal sealed class NonceParticipant(NodeContext node, NonceQuotas quotas) : IConsumer<RequestNonceCommitments>
{
    /// <summary>Largest batch one request may ask for (bounds the work one message can cause).</summary>
    public const int MaxPerRequest = 4096;

    public async Task Consume(ConsumeContext<RequestNonceCommitments> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(RequestNonceCommitments))) return;
        var answer = Issue(m.Coordinator, m.Epoch.Number, m.Count, m.Request);
        // sent as its own type: the bus routes and deserializes by the static message type
        var sent = answer switch
        {
            NonceCommitmentsIssued issued => node.Messenger.SendAsync(m.Coordinator, issued, context.CancellationToken),
            NonceCommitmentsRefused refused => node.Messenger.SendAsync(m.Coordinator, refused, context.CancellationToken),
            _ => Task.FromResult(false),
        };
        await sent.ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="NonceCommitmentsIssued"/> with up to <paramref name="count"/> commitments, or
    /// <see cref="NonceCommitmentsRefused"/> when the coordinator's quota is used up; null when the epoch isn't held.
    /// The answer carries the coordinator's <paramref name="request"/> number back (no default: an answer
    /// numbered 0 is one the coordinator drops as outdated, <see cref="Coordinator.CommitmentStock"/>).
    /// </summary>
    public object? Issue(NodeId coordinator, int epoch, int count, long request)
    {
        var issued = quotas.Issue(coordinator, epoch, Math.Clamp(count, 0, MaxPerRequest));
        if (issued is null) return null;
        if (!issued.Value.TryGet(out var commitments, out var why))
        {
            SignerLog.CommitmentsRefused(node.Logger, node.Id, coordinator, epoch, why);
            node.Refusals.QuotaRefused();
            return new NonceCommitmentsRefused(node.Id, coordinator, new KeyEpoch(epoch), why);
        }
        SignerLog.CommitmentsIssued(node.Logger, node.Id, commitments.Count, coordinator, epoch);
        return new NonceCommitmentsIssued(node.Id, coordinator, new KeyEpoch(epoch), commitments, request);
    }
}
