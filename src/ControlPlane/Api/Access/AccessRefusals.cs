using System.Collections.Concurrent;
using System.Globalization;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Logging;
using CcTsa.Contracts.Events.Access;
using Microsoft.Extensions.Logging;
using Prometheus;

namespace CcTsa.ControlPlane.Api.Access;

/// <summary>
/// Every refused API call is counted (cctsa_api_access_refused_total{status,access}) and recorded
/// as <see cref="ApiAccessRefused"/> — at most one event per source address and minute, carrying
/// how many refusals it stands for, and at most <see cref="MaxEventsPerMinute"/> in all — so a
/// token-guessing caller, even from many addresses, cannot flood the audit log.
/// </summary>
public sealed class AccessRefusals : IDisposable
{
    /// <summary>At most one audit event per source in this window.</summary>
    public static readonly TimeSpan EventWindow = TimeSpan.FromMinutes(1);

    /// <summary>Sources remembered at once; beyond it (many addresses, e.g. an IPv6 range) refusals are only counted.</summary>
    public const int MaxSources = 4096;

    /// <summary>Refusal events per minute over all sources; beyond it refusals are only counted (and logged, aggregated).</summary>
    public const int MaxEventsPerMinute = 60;
    private static readonly Counter Refused = Metrics.CreateCounter("cctsa_api_access_refused_total",
        "API calls refused for a missing (401) or wrong (403) bearer token.",
        new CounterConfiguration { LabelNames = ["status", "access"] });

    private readonly IEventLog _log;
    private readonly TimeProvider _time;
    private readonly RepeatedWarnings _warnings;
    private readonly ConcurrentDictionary<string, Window> _bySource = new(StringComparer.Ordinal);
    private readonly Lock _budgetGate = new();
    private DateTimeOffset _budgetSince;
    private int _budgetUsed;

    public AccessRefusals(IEventLog log, TimeProvider time, ILogger<AccessRefusals> logger)
    {
        _log = log ?? throw new ArgumentNullException(nameof(log));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _warnings = new RepeatedWarnings(logger, time, RepeatedWarnings.DefaultInterval);
    }

    /// <summary>The refusal count of one status and access class since start (what /metrics exports).</summary>
    public static double Count(int status, ApiAccess access) =>
        Refused.WithLabels(status.ToString(CultureInfo.InvariantCulture), Label(access)).Value;

    /// <summary>Counts one refusal and, unless this source already has an event this minute, appends one.</summary>
    public async Task RecordAsync(string source, string method, string path, int status, ApiAccess access, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(source);
        Refused.WithLabels(status.ToString(CultureInfo.InvariantCulture), Label(access)).Inc();
        _warnings.Warn("API call refused", $"{status} {Clip(method, 16)} {Clip(path, 128)} from {source}: {reason}");
        var now = _time.GetUtcNow();
        if (!_bySource.TryGetValue(source, out var window))
        {
            if (_bySource.Count >= MaxSources)
                foreach (var (key, old) in _bySource)
                    if (now - old.Since >= EventWindow) _bySource.TryRemove(key, out _);
            // still full of sources refused this minute: a spread-out flood, counted only
            if (_bySource.Count >= MaxSources) return;
            window = _bySource.GetOrAdd(source, _ => new Window());
        }
        long refusals;
        lock (window)
        {
            window.Pending++;
            if (window.Recorded && now - window.Since < EventWindow) return;
            if (!TakeBudget(now)) return; // stays pending: recorded with the source's next event
            refusals = window.Pending;
            window.Pending = 0;
            window.Since = now;
            window.Recorded = true;
        }
        try
        {
            await _log.AppendAsync([new ApiAccessRefused(source, Clip(method, 16), Clip(path, 128), status, reason, refusals, now)], ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException && StoreErrors.Translate(e) is StoreUnavailableException)
        {
            // the refusal stands (and is counted); only its audit record is lost while the store is down
            _warnings.Warn("API refusal not recorded", StoreErrors.Translate(e).Message);
        }
    }

    public void Dispose() => _warnings.Dispose();

    private bool TakeBudget(DateTimeOffset now)
    {
        lock (_budgetGate)
        {
            if (now - _budgetSince >= EventWindow)
            {
                _budgetSince = now;
                _budgetUsed = 0;
            }
            if (_budgetUsed >= MaxEventsPerMinute) return false;
            _budgetUsed++;
            return true;
        }
    }

    private static string Label(ApiAccess access) => access == ApiAccess.Operator ? "operator" : "audit";

    private static string Clip(string s, int max) => s.Length <= max ? s : s[..max] + "…";

    private sealed class Window
    {
        public DateTimeOffset Since { get; set; }
        public long Pending { get; set; }
        public bool Recorded { get; set; }
    }
}
