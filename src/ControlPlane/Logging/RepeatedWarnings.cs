using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Logging;

/// <summary>
/// Aggregates a warning that repeats for one reason (a batch refused below quorum, a store write
/// failing while the disk is full): the first occurrence of a reason is logged at once; later ones
/// within <c>interval</c> are only counted, and one line per reason and interval reports the count
/// (when the next occurrence arrives after the interval, or when the interval timer fires). Callers
/// pass the message text of an expected failure, never an exception, so no stack trace is logged.
/// </summary>
public sealed partial class RepeatedWarnings : IDisposable
{
    /// <summary>The interval the control plane uses at its call sites.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ITimer? _timer;

    public RepeatedWarnings(ILogger logger, TimeProvider time, TimeSpan interval, bool flushOnTimer = true)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _logger = logger;
        _time = time;
        _interval = interval;
        if (flushOnTimer) _timer = time.CreateTimer(static s => ((RepeatedWarnings)s!).FlushDue(), this, interval, interval);
    }

    /// <summary>Lines written since creation (for tests and the curious).</summary>
    public int LinesWritten { get; private set; }

    /// <summary>Reports one occurrence of <paramref name="reason"/>; <paramref name="message"/> describes this occurrence.</summary>
    public void Warn(string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(message);
        var now = _time.GetUtcNow();
        long suppressed;
        TimeSpan since;
        lock (_gate)
        {
            if (_entries.TryGetValue(reason, out var entry) && now - entry.LastWritten < _interval)
            {
                entry.Suppressed++;
                entry.Latest = message;
                return;
            }
            if (entry is null)
            {
                if (_entries.Count >= 1024) _entries.Clear(); // reasons are a small fixed set; never grow without bound
                entry = new Entry();
                _entries[reason] = entry;
            }
            suppressed = entry.Suppressed;
            since = now - entry.LastWritten;
            entry.Suppressed = 0;
            entry.LastWritten = now;
            entry.Latest = message;
            LinesWritten++;
        }
        if (suppressed == 0) First(_logger, reason, message);
        else Repeated(_logger, reason, suppressed + 1, since.TotalSeconds, message);
    }

    /// <summary>Writes the count line of every reason whose interval has passed with occurrences not yet reported.</summary>
    public void FlushDue() => Flush(all: false);

    /// <summary>Writes the count line of every reason with occurrences not yet reported.</summary>
    public void Flush() => Flush(all: true);

    public void Dispose()
    {
        _timer?.Dispose();
        Flush();
    }

    private void Flush(bool all)
    {
        var now = _time.GetUtcNow();
        var lines = new List<(string Reason, long Count, double Seconds, string Latest)>();
        lock (_gate)
        {
            foreach (var (reason, entry) in _entries)
            {
                if (entry.Suppressed == 0 || (!all && now - entry.LastWritten < _interval)) continue;
                lines.Add((reason, entry.Suppressed, (now - entry.LastWritten).TotalSeconds, entry.Latest));
                entry.Suppressed = 0;
                entry.LastWritten = now;
                LinesWritten++;
            }
        }
        foreach (var l in lines) Repeated(_logger, l.Reason, l.Count, l.Seconds, l.Latest);
    }

    private sealed class Entry
    {
        public DateTimeOffset LastWritten { get; set; }
        public long Suppressed { get; set; }
        public string Latest { get; set; } = "";
    }

    [LoggerMessage(3070, LogLevel.Warning, "{Reason}: {Message}")]
    private static partial void First(ILogger logger, string reason, string message);

    [LoggerMessage(3071, LogLevel.Warning, "{Reason}: {Count} times in the last {Seconds:0} s; latest: {Message}")]
    private static partial void Repeated(ILogger logger, string reason, long count, double seconds, string message);
}
