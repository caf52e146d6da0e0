using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// One threshold-ECDSA round on the coordinator: each item names one presignature of the subset,
/// every signer answers (R', u_i, w_i, transcript digest), and <see cref="Combine"/> verifies the
/// signature under the group key before it is returned (DER Ecdsa-Sig-Value). A peer whose R' or
/// transcript digest differs from this node's is named; a bad (u_i, w_i) is not attributable in
/// DKLs23 (no public check of one party's share), so every peer of the subset is suspected and left
/// out of the retry — the pipeline then signs with a subset without them.
/// </summary>
internal sealed class EcdsaRound(NodeContext node, int epoch, IReadOnlyList<NodeId> signers, IReadOnlyList<byte[]> ids, IReadOnlyList<byte[]> messages,
    P384Point publicKey) : ISchemeRound
{
    private readonly Dictionary<NodeId, PartialSignature[]> _partials = [];

    public IReadOnlyList<IReadOnlyList<byte[]>> PublicMaterial { get; } = [.. ids.Select(id => (IReadOnlyList<byte[]>)[id])];

    public string? SignOwn()
    {
        string? error = "no threshold-ECDSA share for the epoch";
        node.Vault.Use(epoch, s =>
        {
            if (s.Ecdsa is not { } ecdsa) return 0;
            if (!EcdsaPartials.Produce(ecdsa, node.Id, signers, ids, messages).TryGet(out var own, out var refusal))
            {
                error = refusal.Reason;
                return 0;
            }
            error = AcceptShares(node.Id, own) ? null : "own partial signatures do not parse";
            return 0;
        }, out _);
        return error;
    }

    public bool AcceptShares(NodeId peer, IReadOnlyList<byte[]> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count != ids.Count) return false;
        var from = ParticipantId.FromNode(peer);
        var parsed = new PartialSignature[shares.Count];
        for (var i = 0; i < shares.Count; i++)
            if ((parsed[i] = SignWire.DecodePartial(from, shares[i])!) is null) return false;
        _partials[peer] = parsed;
        return true;
    }

    public Result<IReadOnlyList<byte[]?>, RoundOutcome> Aggregate()
    {
        var own = _partials[node.Id];
        var peers = signers.Where(s => s != node.Id).ToList();
        var signatures = new byte[ids.Count][];
        for (var i = 0; i < ids.Count; i++)
        {
            var mine = own[i];
            // a different R' or transcript digest than this node's own is the sender's doing (the relay is this node)
            var named = peers.Where(p => !_partials[p][i].Nonce.AsSpan().SequenceEqual(mine.Nonce) || !_partials[p][i].Digest.AsSpan().SequenceEqual(mine.Digest)).ToList();
            if (named.Count > 0)
                return Fail(RoundOutcome.Retry($"presignature transcript differs at {string.Join(",", named)}", named, named, []));
            var digest = SHA384.HashData(messages[i]);
            if (!Combine.Run(publicKey, [.. signers.Select(s => _partials[s][i])], digest).TryGet(out var signature, out var e))
                return Fail(RoundOutcome.Retry($"ECDSA partials do not combine ({e.Failure}); suspects {string.Join(",", peers)}", peers, [], []));
            signatures[i] = signature.ToDer();
        }
        return signatures;
    }

    private static Result<IReadOnlyList<byte[]?>, RoundOutcome> Fail(RoundOutcome why) => Result<IReadOnlyList<byte[]?>, RoundOutcome>.Fail(why);
}
