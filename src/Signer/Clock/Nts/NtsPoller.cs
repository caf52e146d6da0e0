using System.Diagnostics;
using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// Real NTS servers behind <see cref="INtsCheck"/>: a round of queries (timed with the SecureTSC
/// clock) runs in the background every <see cref="PollInterval"/>, and health checks read the last
/// round. Only the first check waits for a round. A round older than <see cref="StaleAfter"/>
/// (servers silent, network cut) counts as no majority, so the node stops signing rather than
/// trusting old agreement; when the servers answer again the next round restores it.
/// </summary>
public sealed class NtsPoller : INtsCheck, IDisposable
{
    private readonly NtsServerSet _servers;
    private readonly object _gate = new();
    private Task? _running;
    private NtsRound? _last;
    private long _lastAt;

    public NtsPoller(NtsServerSet servers, TimeSpan pollInterval)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (pollInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(pollInterval), pollInterval, "The NTS poll interval must be positive.");
        _servers = servers;
        PollInterval = pollInterval;
    }

    public TimeSpan PollInterval { get; }

    /// <summary>Three missed polls, plus the time a round may take, make a verdict stale.</summary>
    public TimeSpan StaleAfter => PollInterval * 3 + NtsServerSet.DefaultTimeout * 2;

    /// <summary>The last completed round (per-server answers and refusals), null before the first.</summary>
    public NtsRound? LastRound { get { lock (_gate) return _last; } }

    public NtsSelectionResult Validate(SecureTscClock clock)
    {
        Task? first = null;
        lock (_gate)
        {
            var due = _last is null || Stopwatch.GetElapsedTime(_lastAt) >= PollInterval;
            if (due && (_running is null || _running.IsCompleted)) _running = Task.Run(PollAsync);
            if (_last is null) first = _running;
        }
        // Only the very first verdict waits for the network; the round is bounded by the per-server timeout.
        first?.Wait();
        lock (_gate)
        {
            if (_last is null || Stopwatch.GetElapsedTime(_lastAt) > StaleAfter)
                return new NtsSelectionResult(false, [], [.. _servers.Servers.Select(s => s.ToString())], TimeSpan.Zero, TimeSpan.Zero);
            return _last.Selection;
        }
    }

    private async Task PollAsync()
    {
        var round = await _servers.QueryAsync(CancellationToken.None).ConfigureAwait(false);
        lock (_gate)
        {
            _last = round;
            _lastAt = Stopwatch.GetTimestamp();
        }
    }

    public void Dispose() => _servers.Dispose();
}
