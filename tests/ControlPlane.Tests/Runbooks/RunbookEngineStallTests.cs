using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Ids;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Runbooks;

/// <summary>
/// Issue 14 item 8: the bootstrap's certificate step "completed" ~730 times in three minutes
/// because it reported success without changing the facts. The engine now backs such a step off,
/// records a bounded number of attempts, escalates once with an incident naming the step, and
/// tries again only when the facts change.
/// </summary>
public sealed class RunbookEngineStallTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-stall-").FullName;
    private readonly ManualTime _time = new(T0);
    private readonly NoProgress _actions = new();
    private SqliteEventLog _log = null!;
    private FleetState _state = null!;
    private RunbookEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_data);
        // the bootstrap incident, and the DKG it ran: epoch 1 has a group key but no certificate yet
        await _log.AppendAsync([
            new IncidentOpened(IncidentId.New(), IncidentKinds.Bootstrap, "no key yet", [], T0),
            new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, "0701020304", [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), T0),
        ]);
        _state = new FleetState(_log);
        await _state.CatchUpAsync(CancellationToken.None);
        var options = new FleetOptions();
        var health = new ClusterStateTracker(_state, options, _time, NullLogger<ClusterStateTracker>.Instance);
        // no ceremony is open, so the runner never reaches the bus; PassAsync never asks for leadership
        var ceremonies = new CeremonyRunner(null!, _state, health, options, new FleetMetrics(), _time, NullLogger<CeremonyRunner>.Instance);
        _engine = new RunbookEngine(_state, _actions, ceremonies, null!, options, _time, NullLogger<RunbookEngine>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Issue_14_step_that_leaves_the_facts_unchanged_is_backed_off_bounded_and_escalated_once()
    {
        // ten minutes of passes, one a second (the livelock made an attempt at every pass)
        var attemptTimes = new List<TimeSpan>();
        for (var tick = 0; tick < 600; tick++)
        {
            _time.Now = T0 + TimeSpan.FromSeconds(tick);
            var before = _actions.Runs;
            await _engine.PassAsync(CancellationToken.None);
            if (_actions.Runs > before) attemptTimes.Add(_time.Now - T0);
        }

        var steps = await EventsAsync<RunbookStepCompleted>();
        Assert.Equal(StepAttempts.DefaultMaxAttempts, steps.Count);
        Assert.All(steps, s => Assert.Equal("certificate@1", s.Step));
        Assert.Equal(StepAttempts.DefaultMaxAttempts, _actions.Runs);
        // backoff: 2 s, 4 s, 8 s, 16 s between attempts
        Assert.Equal([0, 2, 6, 14, 30], attemptTimes.Select(t => (int)t.TotalSeconds));
        var stalled = Assert.Single(await EventsAsync<IncidentOpened>(), i => i.Kind == IncidentKinds.RunbookStalled);
        Assert.Contains("certificate@1", stalled.Summary, StringComparison.Ordinal);
        Assert.Contains(_engine.Incidents.Open, i => i.Id == stalled.Id);

        // the facts change (another certificate is recorded; epoch 1 still has none): the step runs again and the alert closes
        await _state.RecordAsync([new CertificateIssued(new KeyEpoch(9), "frost-ed25519", "0a", "CN=other", "ff", "", T0, T0.AddDays(1))], CancellationToken.None);
        _time.Now += TimeSpan.FromSeconds(1);
        await _engine.PassAsync(CancellationToken.None);

        Assert.Equal(StepAttempts.DefaultMaxAttempts + 1, (await EventsAsync<RunbookStepCompleted>()).Count);
        Assert.DoesNotContain(_engine.Incidents.Open, i => i.Id == stalled.Id);
        Assert.StartsWith("the facts changed", _engine.Incidents.ById[stalled.Id.ToString()].Resolution, StringComparison.Ordinal);
    }

    private async Task<List<T>> EventsAsync<T>()
    {
        var all = new List<T>();
        await foreach (var e in _log.ReadAllAsync())
        {
            if (e.Data is T t) all.Add(t);
        }
        return all;
    }

    /// <summary>Says "done" and changes nothing — what the certificate step did with a stale pki/ folder.</summary>
    private sealed class NoProgress : IRunbookActions
    {
        public int Runs { get; private set; }

        public Task<(bool Ok, string Detail)> RunAsync(IncidentEntry incident, RunbookStep step, CancellationToken ct)
        {
            Runs++;
            return Task.FromResult((true, "certificate of epoch 1 issued and installed on every node"));
        }
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }
}
