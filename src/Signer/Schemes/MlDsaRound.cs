using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Participants;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// The response round of one threshold ML-DSA-65 run on the coordinator: the public material is
/// every signer's reveal per item (checked against the commitments already), each signer answers
/// its z shares, and the public combine turns each item's reveals and responses into a standard
/// ML-DSA-65 signature that BouncyCastle's MLDsaSigner verified (<see cref="Combine.Sign"/>) before
/// it is returned. A rejected run is no one's fault: the item is answered null and signed again
/// with fresh nonces. A response that fails its checks names its sender.
/// </summary>
internal sealed class MlDsaRound(NodeContext node, MlDsaSteps steps, int epoch, MlDsaRoundRunner.Opened run, IReadOnlyList<byte[]> messages,
    MlDsaPublicKey publicKey) : ISchemeRound
{
    private readonly Dictionary<NodeId, Response[]> _responses = [];

    public IReadOnlyList<IReadOnlyList<byte[]>> PublicMaterial { get; } =
        [.. run.Reveals.Select((r, i) => (IReadOnlyList<byte[]>)[MlDsaWire.Header(run.Run, i + 1), .. r.Select(x => x.Packed.ToArray())])];

    public string? SignOwn()
    {
        var items = messages.Select((m, i) => new ShareItem(m, [], PublicMaterial[i])).ToList();
        if (!steps.Respond(epoch, node.Id, run.Signers, items).TryGet(out var own, out var refusal)) return refusal.Reason;
        return AcceptShares(node.Id, own) ? null : "own responses do not parse";
    }

    public bool AcceptShares(NodeId peer, IReadOnlyList<byte[]> shares)
    {
        ArgumentNullException.ThrowIfNull(shares);
        if (shares.Count != messages.Count) return false;
        var from = ParticipantId.FromNode(peer);
        var parsed = new Response[shares.Count];
        for (var i = 0; i < shares.Count; i++)
            if ((parsed[i] = MlDsaWire.DecodeResponse(from, shares[i])!) is null) return false;
        _responses[peer] = parsed;
        return true;
    }

    public Result<IReadOnlyList<byte[]?>, RoundOutcome> Aggregate()
    {
        var signatures = new byte[]?[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            var session = new MlDsaSession(run.Run, i + 1, run.Set);
            var responses = run.Signers.Select(s => _responses[s][i]).ToList();
            if (Combine.Sign(publicKey, session, messages[i], [], run.Reveals[i], responses).TryGet(out var sigma, out var e))
            {
                signatures[i] = sigma;
                continue;
            }
            if (e.Failure == MlDsaFailure.RunRejected) continue;
            var named = e.Culprits.Select(c => NodeId.FromIndex(c.Value)).Where(c => c != node.Id).ToList();
            var suspects = named.Count > 0 ? named : [.. run.Signers.Where(s => s != node.Id)];
            return Result<IReadOnlyList<byte[]?>, RoundOutcome>.Fail(RoundOutcome.Retry($"ML-DSA combine, item {i}: {e}", suspects, named, []));
        }
        return signatures;
    }
}
