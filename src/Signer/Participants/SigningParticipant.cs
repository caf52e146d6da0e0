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
/// </summary>
internal sealed class SigningParticipant(NodeContext node, IThresholdScheme scheme, SigningPurposes purposes) : IConsumer<ProduceSignatureShares>
{
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
        await node.Messenger.SendAsync(m.Coordinator, new SignatureSharesRefused(m.Round, node.Id, refusal.Reason, refusal.StaleCommitments),
            context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>The serialized shares for every item, or why this node refuses (and whether only stale commitments were the problem).</summary>
    public Result<IReadOnlyList<byte[]>, ShareRefusal> Produce(ProduceSignatureShares m)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (purposes.Find(m.Purpose) is not { } purpose) return Refuse("unknown purpose");
        if (scheme.Describe(m.Epoch.Number) is not { } key) return Refuse("epoch not held");
        if (!m.Signers.Contains(node.Id)) return Refuse("not among the announced signers");
        if (m.Signers.Distinct().Count() != m.Signers.Count) return Refuse("duplicate signers");
        if (SigningPurposes.CheckAll(purpose, key, [.. m.Items.Select(i => new PreparedMessage(i.Message, i.Evidence))]) is { } why) return Refuse(why);
        return scheme.ProduceShares(m.Epoch.Number, m.Signers, m.Items);
    }

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why) => Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why));
}
