namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Tells a late answer from a fresh one for a coordinator's stock of precomputed material (FROST
/// commitments, DKLs23 presignatures). Every request or run is numbered (<see cref="Next"/>); when
/// the stock of a peer or an epoch is forgotten (the peer restarted or refused stale material, the
/// epoch's shares were refreshed, repaired or wiped) the number reached is marked, and an answer to
/// an earlier request is outdated: it may carry the very material the forgetting was about, and
/// stocking it would make the next rounds meet it again. The numbers start at a random base, so an
/// answer to a request of this node's previous life (it restarted with a request on the bus; the
/// participant wiped what it issued when it saw the restart) is a number this instance never handed
/// out, and is outdated too — a counter starting at 1 again would take it for a fresh one.
/// Not synchronized beyond <see cref="Next"/>:
/// the owning stock calls the rest under its own lock, so a mark and the stock it guards change together.
/// </summary>
internal sealed class ForgetMarks
{
    private readonly Dictionary<NodeId, long> _peers = [];
    private readonly Dictionary<int, long> _epochs = [];
    private readonly long _base;
    private long _last;

    // bases are multiples of 2^31 below 2^62: two lives' numbers meet only when their bases are equal
    // (one in 2^31) or one life hands out more than 2^31 of them, and they never wrap
    public ForgetMarks() => _last = _base = System.Security.Cryptography.RandomNumberGenerator.GetInt32(1, int.MaxValue) * (1L << 31);

    /// <summary>The number of a new request; its answer is checked against it.</summary>
    public long Next() => Interlocked.Increment(ref _last);

    public void ForgetPeer(NodeId peer) => _peers[peer] = Interlocked.Read(ref _last);

    public void ForgetEpoch(int epoch) => _epochs[epoch] = Interlocked.Read(ref _last);

    /// <summary>
    /// True when this instance never handed <paramref name="request"/> out, or handed it out before the
    /// epoch or any of the peers was last forgotten.
    /// </summary>
    public bool Outdated(long request, int epoch, IEnumerable<NodeId> peers) =>
        request <= _base || request > Interlocked.Read(ref _last)
        || request <= _epochs.GetValueOrDefault(epoch) || peers.Any(p => request <= _peers.GetValueOrDefault(p));
}
