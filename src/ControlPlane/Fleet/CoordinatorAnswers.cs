using System.Collections.Concurrent;
using System.Diagnostics;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// When each coordinator last answered a signing request (signed or failed), for the hedge: a
/// coordinator still answering other batches is busy, not dead. Under load most batches outlast the
/// hedge deadline, and hedging each of them had a second coordinator redo the whole batch (a quarter
/// of all batches in a loaded distributed run), which on a 2-core host takes CPU from the first and
/// slows every batch further. A coordinator that stops answering altogether is hedged as before, one
/// hedge deadline after its last answer at most.
/// </summary>
public sealed class CoordinatorAnswers
{
    private readonly ConcurrentDictionary<NodeId, long> _last = new();

    public void Answered(NodeId coordinator) => _last[coordinator] = Stopwatch.GetTimestamp();

    /// <summary>True when <paramref name="coordinator"/> answered some request within the last <paramref name="span"/>.</summary>
    public bool AnsweredWithin(NodeId coordinator, TimeSpan span) =>
        _last.TryGetValue(coordinator, out var at) && Stopwatch.GetElapsedTime(at) < span;
}
