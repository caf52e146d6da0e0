using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.P384;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// Threshold ECDSA P-384 (DKLs23) for the signing pipeline. Precomputed material is presignatures
/// per signer subset, made in batches by <see cref="PresignRunner"/> (three relayed steps, off the
/// hot path once stocked), so a round is one round trip: the coordinator names one presignature
/// per item and every signer answers one online message. The group key is the epoch's ECDSA key
/// (SEC1 uncompressed, as certificates and CSRs carry it).
/// </summary>
internal sealed class EcdsaP384Scheme(NodeContext node, PresignatureStock stock, PresignRunner runner) : IThresholdScheme
{
    public const string SchemeName = "ecdsa-p384";

    /// <summary>Presignatures one refill makes for a subset (refilled in the background below half).</summary>
    public int Batch { get; init; } = 8;

    public string Name => SchemeName;

    public SchemeEpoch? Describe(int epoch) =>
        node.Vault.Use(epoch, s => s.Ecdsa is { } e ? new SchemeEpoch(epoch, e.Key.Threshold, e.Key.PublicKey.EncodeUncompressed(), SchemeName) : null, out var d)
            ? d : null;

    public int Stocked(NodeId peer, int epoch) => stock.CountFor(peer, epoch);

    /// <summary>Presignatures are bound to their signer set: the subset's own stock.</summary>
    public int Stocked(IReadOnlyList<NodeId> peers, int epoch) => stock.Count(epoch, peers);

    /// <summary>
    /// Only a peer this node finished the pairwise OT setup with: a replacement that holds its share
    /// but is still pairing would make every signer refuse the set (InvalidSignerSet).
    /// </summary>
    public bool CanSignWith(NodeId peer, int epoch) => node.Vault.EcdsaReady(epoch, Crypto.Sharing.ParticipantId.FromNode(peer));

    public void Restock(NodeId peer) => stock.Forget(peer);

    public async Task<(RoundOutcome? NotReady, bool Waited)> EnsureStockAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken)
    {
        if (stock.Count(epoch, peers) >= count) return (null, false);
        // on the request's path only what it needs; the rest of a batch follows in the background after the round opens
        return (await runner.FillAsync(epoch, peers, count, cancellationToken).ConfigureAwait(false), true);
    }

    public async Task<Result<ISchemeRound, RoundOutcome>> OpenRoundAsync(int epoch, IReadOnlyList<NodeId> peers, IReadOnlyList<byte[]> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(messages);
        if (Describe(epoch) is null || !node.Vault.Use(epoch, s => s.Ecdsa!.Key.PublicKey.Encode(), out var pkBytes) || !P384Point.TryDecode(pkBytes, out var publicKey))
            return NotOpened(RoundOutcome.Abort("coordinator holds no threshold-ECDSA share of the epoch"));
        var ids = stock.Take(epoch, peers, messages.Count);
        if (ids is null)
        {
            // on the request's path only what it needs; the rest of a batch follows in the background below
            if (await runner.FillAsync(epoch, peers, messages.Count, cancellationToken).ConfigureAwait(false) is { } failed)
                return NotOpened(failed);
            ids = stock.Take(epoch, peers, messages.Count);
            if (ids is null) return NotOpened(RoundOutcome.Retry("presignatures of the subset taken by concurrent rounds", [], [], []));
        }
        if (stock.Count(epoch, peers) < Batch / 2)
            node.RunInBackground("presign refill", () => runner.FillAsync(epoch, peers, Batch, node.Lifetime));
        return new EcdsaRound(node, epoch, [node.Id, .. peers], ids, messages, publicKey);
    }

    public Result<IReadOnlyList<byte[]>, ShareRefusal> ProduceShares(int epoch, NodeId coordinator, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (EcdsaPartials.Ids(items) is not { } ids) return Refuse("each item must name exactly one presignature id");
        if (!node.Vault.Use(epoch, s => s.Ecdsa is { } e
                ? EcdsaPartials.Produce(e, coordinator, signers, ids, [.. items.Select(i => i.Message)])
                : Refuse("no threshold-ECDSA share for the epoch"), out var result))
            return Refuse("epoch not held");
        return result;
    }

    private static Result<ISchemeRound, RoundOutcome> NotOpened(RoundOutcome why) => Result<ISchemeRound, RoundOutcome>.Fail(why);

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why) => Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why));
}
