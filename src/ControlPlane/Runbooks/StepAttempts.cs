using System.Globalization;
using System.Text;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>What the engine may do with a step the decision asks for again.</summary>
public enum StepGateKind
{
    /// <summary>Run it now.</summary>
    Run,
    /// <summary>Backing off: the last attempt left the facts as they were; try later.</summary>
    Wait,
    /// <summary>The bound is reached with unchanged facts: record the escalation once, then stop.</summary>
    Escalate,
    /// <summary>Escalated already: no more attempts until the facts change.</summary>
    Stopped,
}

/// <summary>The gate's answer; <paramref name="Cleared"/> names an escalation to close because the facts changed.</summary>
public sealed record StepGate(StepGateKind Kind, int Attempts, IncidentId? Cleared = null);

/// <summary>
/// Bounds a runbook step that ends without changing the facts its decision reads (the bootstrap
/// livelock of issue 14: a certificate step "completed" 730 times in three minutes). Each step of
/// an incident is tracked with the facts seen before its last attempt; asked again over the same
/// facts it is retried after 2 s, 4 s, 8 s … (at most a minute), and after
/// <see cref="MaxAttempts"/> attempts it escalates once and stops until the facts change. Any change
/// of the facts starts the count afresh. In memory: a restart allows another bounded series.
/// </summary>
public sealed class StepAttempts(TimeProvider time, int maxAttempts = StepAttempts.DefaultMaxAttempts)
{
    public const int DefaultMaxAttempts = 5;

    private readonly Dictionary<(IncidentId Incident, string Step), Entry> _entries = [];

    public int MaxAttempts { get; } = maxAttempts;

    /// <summary>Back-off after <paramref name="attempts"/> attempts over unchanged facts: 2^n s, at most 60 s.</summary>
    public static TimeSpan Backoff(int attempts) => TimeSpan.FromSeconds(Math.Min(60, 1 << Math.Clamp(attempts, 0, 6)));

    /// <summary>Whether the step may run now over <paramref name="facts"/> (see <see cref="Signature"/>).</summary>
    public StepGate Check(IncidentId incident, string step, string facts)
    {
        if (!_entries.TryGetValue((incident, step), out var entry))
            return new StepGate(StepGateKind.Run, 0);
        if (!string.Equals(entry.Facts, facts, StringComparison.Ordinal))
        {
            _entries.Remove((incident, step));
            return new StepGate(StepGateKind.Run, 0, entry.Escalation);
        }
        if (entry.Attempts >= MaxAttempts)
            return new StepGate(entry.Escalation is null ? StepGateKind.Escalate : StepGateKind.Stopped, entry.Attempts);
        return new StepGate(time.GetUtcNow() < entry.NotBefore ? StepGateKind.Wait : StepGateKind.Run, entry.Attempts);
    }

    /// <summary>Records an attempt made over <paramref name="facts"/> (the facts before it ran).</summary>
    public void Ran(IncidentId incident, string step, string facts)
    {
        var attempts = _entries.TryGetValue((incident, step), out var e) && string.Equals(e.Facts, facts, StringComparison.Ordinal) ? e.Attempts + 1 : 1;
        _entries[(incident, step)] = new Entry(facts, attempts, time.GetUtcNow() + Backoff(attempts), null);
    }

    /// <summary>Records that the stall was escalated as <paramref name="alert"/>; the step then stays stopped.</summary>
    public void Escalated(IncidentId incident, string step, IncidentId alert)
    {
        if (_entries.TryGetValue((incident, step), out var e))
            _entries[(incident, step)] = e with { Escalation = alert };
    }

    /// <summary>True while <paramref name="alert"/> is the escalation of a step that is still stopped.</summary>
    public bool IsActiveEscalation(IncidentId alert) => _entries.Values.Any(e => e.Escalation == alert);

    /// <summary>Forgets the steps of a closed incident.</summary>
    public void Forget(IncidentId incident)
    {
        foreach (var key in _entries.Keys.Where(k => k.Incident == incident).ToList())
            _entries.Remove(key);
    }

    /// <summary>
    /// The facts a decision reads, as a comparable string: epoch and its group key, certificates,
    /// each node's state (not its heartbeat times) and the incident's completed steps other than
    /// <paramref name="step"/> itself (its own "done" is no progress when it is asked for again).
    /// </summary>
    public static string Signature(RunbookFacts facts, string groupKeyHex, int certificates, string step)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"e{facts.Epoch}:{groupKeyHex}|c{(facts.CertificateInstalled ? 1 : 0)}/{certificates}|");
        foreach (var v in facts.Roster.All.OrderBy(v => v.Id.Index))
            s.Append(CultureInfo.InvariantCulture, $"{v.Id}:{(v.Online ? 1 : 0)}{(v.Attested ? 1 : 0)}{(v.ClockHealthy ? 1 : 0)}{(v.Excluded ? 1 : 0)}:{v.EpochHeld}:{v.AttestedPeers.Count};");
        s.Append('|').AppendJoin(',', facts.CompletedSteps.Where(c => !string.Equals(c, step, StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        return s.ToString();
    }

    private sealed record Entry(string Facts, int Attempts, DateTimeOffset NotBefore, IncidentId? Escalation);
}
