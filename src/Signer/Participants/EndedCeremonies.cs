using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Ceremony ids that must never open a run again on this node. Completed ones are kept for the
/// node's lifetime: replaying a recorded ceremony (e.g. a repair from before a refresh) would
/// otherwise run it again and roll shares back. Completions take a real ceremony each, so the set
/// stays small. Failed and aborted ids can be named by anyone (an AbortCeremony, an early message
/// that times out), so they are kept in a bounded queue that cannot evict a completed id.
/// </summary>
internal sealed class EndedCeremonies
{
    private const int EndedCapacity = 256;
    private readonly Lock _gate = new();
    private readonly HashSet<CeremonyId> _completed = [];
    private readonly HashSet<CeremonyId> _ended = [];
    private readonly Queue<CeremonyId> _order = new();

    public void Completed(CeremonyId ceremony)
    {
        lock (_gate) _completed.Add(ceremony);
    }

    /// <summary>Failed or aborted: late messages for it must not reopen it.</summary>
    public void Ended(CeremonyId ceremony)
    {
        lock (_gate)
        {
            if (_completed.Contains(ceremony) || !_ended.Add(ceremony)) return;
            _order.Enqueue(ceremony);
            if (_order.Count > EndedCapacity) _ended.Remove(_order.Dequeue());
        }
    }

    public bool Contains(CeremonyId ceremony)
    {
        lock (_gate) return _completed.Contains(ceremony) || _ended.Contains(ceremony);
    }
}
