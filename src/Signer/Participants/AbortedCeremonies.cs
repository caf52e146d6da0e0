using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The ceremonies the control plane aborted, most recent ones only (bounded), so a late message of
/// an aborted ceremony (a peer's round-2 package still in flight) cannot open a new run for it.
/// </summary>
internal sealed class AbortedCeremonies
{
    private const int Capacity = 64;
    private readonly Lock _gate = new();
    private readonly HashSet<CeremonyId> _ids = [];
    private readonly Queue<CeremonyId> _order = new();

    public void Add(CeremonyId ceremony)
    {
        lock (_gate)
        {
            if (!_ids.Add(ceremony)) return;
            _order.Enqueue(ceremony);
            if (_order.Count > Capacity) _ids.Remove(_order.Dequeue());
        }
    }

    public bool Contains(CeremonyId ceremony)
    {
        lock (_gate) return _ids.Contains(ceremony);
    }
}
