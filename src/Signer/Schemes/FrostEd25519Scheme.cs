using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// FROST(Ed25519, SHA-512) (RFC 9591) for the signing pipeline. Precomputed material is each
/// peer's nonce commitments, kept by <see cref="NonceSupply"/> so a round is one round trip; a
/// participant signs with nonces from its own pool, each usable once.
/// </summary>
internal sealed class FrostEd25519Scheme(NodeContext node, NonceSupply supply) : IThresholdScheme
{
    public const string SchemeName = "frost-ed25519";

    public string Name => SchemeName;

    public SchemeEpoch? Describe(int epoch) =>
        node.Vault.PublicKeys(epoch) is { } keys ? new SchemeEpoch(epoch, keys.MinSigners, keys.VerifyingKey.Encoding.ToArray()) : null;

    public int Stocked(NodeId peer, int epoch) => node.Stock.Count(peer, epoch);

    /// <summary>Commitments are per peer: a subset has the least of its peers'.</summary>
    public int Stocked(IReadOnlyList<NodeId> peers, int epoch) => peers.Count == 0 ? 0 : peers.Min(p => node.Stock.Count(p, epoch));

    /// <summary>Any attested peer holding the epoch signs; one that does not refuses and is left out by the pipeline.</summary>
    public bool CanSignWith(NodeId peer, int epoch) => true;

    public void Restock(NodeId peer) => supply.Reset(peer);

    /// <summary>Commitments arrive in one round trip; <see cref="OpenRoundAsync"/> waits for a short stock itself.</summary>
    public Task<(RoundOutcome? NotReady, bool Waited)> EnsureStockAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken) =>
        Task.FromResult<(RoundOutcome?, bool)>((null, false));

    public async Task<Result<ISchemeRound, RoundOutcome>> OpenRoundAsync(int epoch, IReadOnlyList<NodeId> peers, IReadOnlyList<byte[]> messages,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(messages);
        var k = messages.Count;
        // peers' commitments from stock (refilled when short), ours fresh from our own pool
        var reserved = await Task.WhenAll(peers.Select(p => supply.TakeAsync(p, epoch, k, cancellationToken))).ConfigureAwait(false);
        var missing = peers.Where((_, i) => reserved[i] is null).ToList();
        if (missing.Count > 0) return NotOpened(RoundOutcome.Retry("no nonce commitments from " + string.Join(",", missing), missing, [], missing));
        if (node.Vault.PublicKeys(epoch) is not { } publicKeys
            || !node.Vault.Use(epoch, s => s.Nonces.Publish(k), out var own) || own.Count < k)
            return NotOpened(RoundOutcome.Abort("coordinator could not pre-process its own nonces"));
        var packages = new SigningPackage[k];
        for (int i = 0; i < k; i++)
        {
            var commitments = new List<SigningCommitments>(peers.Count + 1) { own[i] };
            for (int j = 0; j < peers.Count; j++) commitments.Add(reserved[j]![i]);
            if (!SigningPackage.Create(commitments, messages[i]).TryGet(out packages[i]!, out var e))
                return NotOpened(RoundOutcome.Abort("signing package rejected: " + e.Failure));
        }
        return new FrostRound(node, epoch, packages, publicKeys);
    }

    public Result<IReadOnlyList<byte[]>, ShareRefusal> ProduceShares(int epoch, NodeId coordinator, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items)
    {
        ArgumentNullException.ThrowIfNull(signers);
        ArgumentNullException.ThrowIfNull(items);
        if (!node.Vault.Use(epoch, s => PackageAndSign(s, signers, items), out var signed)) return Refuse("epoch not held");
        return signed;
    }

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> PackageAndSign(EpochShare share, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items)
    {
        var packages = new SigningPackage[items.Count];
        for (int i = 0; i < items.Count; i++)
            if (Package(share.Nonces, signers, items[i], out packages[i]!) is { } why) return Refuse($"item {i}: {why}");
        return Sign(share, packages);
    }

    /// <remarks>
    /// Every commitment is decoded and checked (canonical, prime order) except this signer's own, which
    /// <see cref="NoncePool.FindUnspent"/> recognises by its exact bytes: it generated those points itself.
    /// </remarks>
    private static string? Package(NoncePool own, IReadOnlyList<NodeId> signers, ShareItem item, out SigningPackage? package)
    {
        package = null;
        if (item.Commitments.Count != signers.Count) return "one commitment per signer expected";
        var commitments = new List<SigningCommitments>(item.Commitments.Count);
        var expected = signers.Select(ParticipantId.FromNode).ToHashSet();
        foreach (var bytes in item.Commitments)
        {
            var c = own.FindUnspent(bytes);
            if (c is null && !SigningCommitments.FromBytes(bytes).TryGet(out c, out _)) return "malformed commitment";
            if (!expected.Remove(c.Identifier)) return "commitment of a signer not announced";
            commitments.Add(c);
        }
        return SigningPackage.Create(commitments, item.Message).TryGet(out package, out var e) ? null : e.Failure.ToString();
    }

    /// <summary>
    /// Signs every package. Each pooled nonce is taken (spent) whether or not signing succeeds, so a
    /// refused round can never be replayed against the same nonces. When every failure is an
    /// unknown or spent commitment, the coordinator's stock was stale.
    /// </summary>
    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Sign(EpochShare share, SigningPackage[] packages)
    {
        var result = new byte[packages.Length][];
        string? error = null;
        var stale = true;
        for (int i = 0; i < packages.Length; i++)
        {
            if (share.Nonces.Sign(packages[i]).TryGet(out var s, out var e)) result[i] = s.ToBytes();
            else
            {
                error ??= $"item {i}: {e.Failure}";
                stale &= e.Failure is FrostFailure.UnknownCommitment or FrostFailure.NonceReused;
            }
        }
        return error is null ? result : Refuse(error, stale);
    }

    private static Result<ISchemeRound, RoundOutcome> NotOpened(RoundOutcome why) => Result<ISchemeRound, RoundOutcome>.Fail(why);

    private static Result<IReadOnlyList<byte[]>, ShareRefusal> Refuse(string why, bool stale = false) =>
        Result<IReadOnlyList<byte[]>, ShareRefusal>.Fail(new ShareRefusal(why, stale));
}
