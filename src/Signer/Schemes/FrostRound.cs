using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// One FROST round on the coordinator: the signing packages of every item, this node's shares
/// and the peers' as they arrive. Shares are checked one by one only when an aggregate fails
/// (<see cref="Aggregate.Combine"/> names the culprit: identifiable abort).
/// </summary>
internal sealed class FrostRound(NodeContext node, int epoch, SigningPackage[] packages, PublicKeyPackage publicKeys) : ISchemeRound
{
    private readonly Dictionary<NodeId, SignatureShare[]> _shares = [];

    public IReadOnlyList<IReadOnlyList<byte[]>> PublicMaterial { get; } =
        [.. packages.Select(p => (IReadOnlyList<byte[]>)[.. p.Commitments.Select(c => c.ToBytes())])];

    public string? SignOwn()
    {
        var own = new SignatureShare[packages.Length];
        string? error = null;
        node.Vault.Use(epoch, s =>
        {
            for (int i = 0; i < packages.Length && error is null; i++)
                if (s.Nonces.Sign(packages[i]).TryGet(out var share, out var e)) own[i] = share;
                else error = e.Failure.ToString();
            return 0;
        }, out _);
        if (error is null) _shares[node.Id] = own;
        return error;
    }

    public bool AcceptShares(NodeId peer, IReadOnlyList<byte[]> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count != packages.Length) return false;
        var expected = ParticipantId.FromNode(peer);
        var parsed = new SignatureShare[shares.Count];
        for (int i = 0; i < shares.Count; i++)
        {
            if (!SignatureShare.FromBytes(shares[i]).TryGet(out var s, out _) || s.Identifier != expected) return false;
            parsed[i] = s;
        }
        _shares[peer] = parsed;
        return true;
    }

    public Result<IReadOnlyList<byte[]?>, RoundOutcome> Aggregate()
    {
        var signatures = new byte[packages.Length][];
        for (int i = 0; i < packages.Length; i++)
        {
            var all = _shares.Values.Select(s => s[i]).ToList();
            if (!Crypto.Frost.Aggregate.Combine(packages[i], all, publicKeys).TryGet(out var signature, out var e))
            {
                var named = e.Culprits.Select(c => NodeId.FromIndex(c.Value)).ToList();
                return Result<IReadOnlyList<byte[]?>, RoundOutcome>.Fail(named.Count > 0 && !named.Contains(node.Id)
                    ? RoundOutcome.Retry($"invalid signature share from {string.Join(",", named)}", named, named, [])
                    : RoundOutcome.Abort("aggregation failed: " + e.Failure));
            }
            signatures[i] = signature.ToArray();
        }
        return signatures;
    }
}
