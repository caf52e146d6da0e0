using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Keeps a reserve of threshold-ECDSA presignatures for every signer subset this node could
/// coordinate (itself + t−1 live peers, C(4,2) = 6 in a 3-of-5 fleet), off the request path.
/// Why every subset and not only the one in use: presignatures are bound to their signer set, so
/// when nodes are lost the surviving subsets must already hold some, or the first requests after
/// the loss presign on their own path (three relayed steps carrying ~150 KB per item and peer) and
/// outlast the control plane's signing deadline. One tick fills the emptiest subsets first, one
/// run at a time, and only with peers that are attested, clock-healthy, recently heard and paired.
/// </summary>
internal sealed class PresignatureWarmer(NodeContext node, PresignatureStock stock, PresignRunner runner)
{
    /// <summary>One pass: every live subset of the latest ECDSA epoch brought up to the reserve.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var reserve = node.Options.PresignReserve;
        if (reserve <= 0 || node.Killed || !node.ClockHealthy || node.Vault.LatestEpoch is not { } epoch) return;
        if (!node.Vault.Use(epoch, s => s.Ecdsa?.Key.Threshold ?? 0, out var threshold) || threshold < 2) return;

        var subsets = SubsetSelector.Subsets(LivePeers(epoch), threshold - 1)
            .Select(s => (Peers: s, Have: stock.Count(epoch, s)))
            .Where(s => s.Have < reserve)
            .OrderBy(s => s.Have)
            .ToList();
        foreach (var (peers, _) in subsets)
        {
            if (cancellationToken.IsCancellationRequested || node.Vault.LatestEpoch != epoch) return;
            // a peer that timed out during an earlier run of this pass is left for the next one
            if (peers.Any(p => !IsLive(p, epoch))) continue;
            try { await runner.FillAsync(epoch, peers, reserve, cancellationToken).ConfigureAwait(false); }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { return; }
#pragma warning disable CA1031 // a background refill: log and let the next tick try again
            catch (Exception e) { SignerLog.StepCrashed(node.Logger, e, node.Id, "presign warm-up"); }
#pragma warning restore CA1031
        }
    }

    private List<NodeId> LivePeers(int epoch) =>
        [.. node.Peers.Snapshot().Where(p => p.Node != node.Id).Select(p => p.Node).Where(p => IsLive(p, epoch)).OrderBy(p => p.Index)];

    private bool IsLive(NodeId peer, int epoch)
    {
        var state = node.Peers.Snapshot().FirstOrDefault(p => p.Node == peer);
        if (state is not { Attested: true, ClockHealthy: true, TimedOut: false } || node.Faults.Drops(peer)) return false;
        // a quiet peer is presumed gone, so a dead node does not hold a pass up for a presigning timeout
        return !node.Quiet(state) && node.Vault.EcdsaReady(epoch, ParticipantId.FromNode(peer));
    }
}
