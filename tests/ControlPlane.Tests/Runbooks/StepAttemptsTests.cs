using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Tests.Runbooks;

public sealed class StepAttemptsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ManualTime _time = new(T0);
    private readonly IncidentId _incident = IncidentId.New();

    [Fact]
    public void Step_over_unchanged_facts_backs_off_exponentially_then_escalates_once_and_stops()
    {
        var attempts = new StepAttempts(_time);
        var runs = new List<int>();
        int? escalatedAt = null;
        for (var second = 0; second < 3600; second++)
        {
            _time.Now = T0.AddSeconds(second);
            var gate = attempts.Check(_incident, "certificate@1", "facts");
            if (gate.Kind == StepGateKind.Run)
            {
                attempts.Ran(_incident, "certificate@1", "facts");
                runs.Add(second);
            }
            else if (gate.Kind == StepGateKind.Escalate)
            {
                Assert.Equal(StepAttempts.DefaultMaxAttempts, gate.Attempts);
                attempts.Escalated(_incident, "certificate@1", IncidentId.New());
                Assert.Null(escalatedAt);
                escalatedAt = second;
            }
        }
        // attempts 2 s, 4 s, 8 s, 16 s apart; the escalation follows the fifth at once, then nothing for an hour
        Assert.Equal([0, 2, 6, 14, 30], runs);
        Assert.Equal(31, escalatedAt);
        Assert.Equal(StepGateKind.Stopped, attempts.Check(_incident, "certificate@1", "facts").Kind);
    }

    [Fact]
    public void Changed_facts_start_the_count_afresh_and_clear_the_escalation()
    {
        var attempts = new StepAttempts(_time, maxAttempts: 2);
        var alert = IncidentId.New();
        attempts.Ran(_incident, "dkg@2", "a");
        _time.Now = T0.AddMinutes(1);
        attempts.Ran(_incident, "dkg@2", "a");
        _time.Now = T0.AddMinutes(2);
        Assert.Equal(StepGateKind.Escalate, attempts.Check(_incident, "dkg@2", "a").Kind);
        attempts.Escalated(_incident, "dkg@2", alert);
        Assert.True(attempts.IsActiveEscalation(alert));

        var gate = attempts.Check(_incident, "dkg@2", "b");

        Assert.Equal((StepGateKind.Run, 0, (IncidentId?)alert), (gate.Kind, gate.Attempts, gate.Cleared));
        Assert.False(attempts.IsActiveEscalation(alert));
    }

    [Fact]
    public void Backoff_doubles_from_two_seconds_and_is_capped_at_a_minute()
    {
        Assert.Equal([2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 7).Select(n => (int)StepAttempts.Backoff(n).TotalSeconds));
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
