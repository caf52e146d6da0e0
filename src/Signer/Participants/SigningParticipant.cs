using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Purposes;
using CcTsa.Signer.Schemes;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The participant's round for every purpose. Before releasing any share the node checks that it
/// is among the announced signers (once each), that the purpose accepts the round and every item
/// (<see cref="ISigningPurpose"/>), and leaves the scheme to check the commitments and take its own
/// from the pool (single use). Any failure refuses the whole round: no partial batch leaves the node.
/// A round with more than <see cref="SignerNodeOptions.MaxBatchItems"/> items is refused before any
/// item is looked at, and every commitment of this node a round presents stops counting against its
/// coordinator's quota, its nonce wiped if still pooled (<see cref="NonceQuotas.Spent"/>).
/// </summary>
internal sealed class SigningParticipant(NodeContext node, IReadOnlyList<IThresholdScheme> schemes, SigningPurposes purposes, NonceQuotas quotas)
    : IConsumer<ProduceSignatureShares>
{
    /// <summary>Far above any fleet's size; bounds the per-item work of a forged signer list.</summary>
    private const int MaxSigners = 64;

    public async Task Consume(ConsumeContext<ProduceSignatureShares> context)
    {
        var m = context.Message;
        if (m.Participant != node.Id) return;
        if (!node.Accepts(m.Coordinator, nameof(ProduceSignatureShares))) return;
        if (Produce(m).TryGet(out var shares, out var refusal))
        {
            SignerLog.SharesProduced(node.Logger, node.Id, m.Items.Count, m.Round);
            await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesProduced(m.Round, node.Id, shares), context.CancellationToken).ConfigureAwait(false);
            return;
        }
        SignerLog.SharesRefused(node.Logger, node.Id, m.Round, m.Coordinator, refusal.Reason);
        node.Refusals.ShareRefused(refusal.Reason, refusal.StaleCommitments);
        await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesRefused(m.Round, node.Id, refusal.Reason, refusal.StaleCommitments, refusal.Late),
            context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The serialized shares for every item, or why this node refuses (and whether only stale commitments were the problem).</summary>
    public Result<IReadOnlyList<byte[]>, ShareRefusal> Produce(ProduceSignatureShares m)
    {
        ArgumentNullException.ThrowIfNull(m);
        // checked first: the cost of everything below grows with the item count
        if (m.Items.Count > SignerNodeOptions.MaxBatchItems)
        {
            SignerLog.TooManyItems(node.Logger, node.Id, nameof(ProduceSignatureShares), m.Items.Count, SignerNodeOptions.MaxBatchItems);
            return Refuse($"too many items ({m.Items.Count}, at most {SignerNodeOptions.MaxBatchItems})");
        }
        if (m.Signers.Count > MaxSigners) return Refuse($"too many signers ({m.Signers.Count})");
        // the round names the scheme: an unknown one is refused, never signed with another key
        if (schemes.FirstOrDefault(s => string.Equals(s.Name, m.Scheme, StringComparison.Ordinal)) is not { } scheme) return Refuse("unknown scheme");
        if (scheme.Name != Schemes.FrostEd25519Scheme.SchemeName) return ProduceChecked(scheme, m);
        try { return ProduceChecked(scheme, m); }
        finally { quotas.Spent(m.Epoch.Number, Commitments(m)); }
    }

    private Result<IReadOnlyList<byte[]>, ShareRefusal> ProduceChecked(IThresholdScheme scheme, ProduceSignatureShares m)
    {
        if (purposes.Find(m.Purpose) is not { } purpose) return Refuse("unknown purpose");
        if (scheme.Describe(m.Epoch.Number) is not { } key) return Refuse("epoch not held");
        if (!m.Signers.Contains(node.Id)) return Refuse("not among the announced signers");
        if (m.Signers.Distinct().Count() != m.Signers.Count) return Refuse("duplicate signers");
        if (SigningPurposes.CheckAll(purpose, key, [.. m.Items.Select(i => new PreparedMessage(i.Message, i.Evidence, i.Head))]) is { } why)
            return Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why, Late: Purposes.TstInfoRules.IsLate(why)));
        return scheme.ProduceShares(m.Epoch.Number, m.Coordinator, m.Signers, m.Items);
    }

    /// <summary>
    /// Every commitment the round names (packages sort them by identifier, not by signer order); the
    /// ledger knows only this node's own, so the others are ignored there. Bounded by the item check.
    /// </summary>
    private static IEnumerable<byte[]> Commitments(ProduceSignatureShares m) =>
        m.Items.Where(i => i?.Commitments is not null).SelectMany(i => i.Commitments.Take(MaxSigners)).Where(c => c is not null);

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why) => Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why));
}
