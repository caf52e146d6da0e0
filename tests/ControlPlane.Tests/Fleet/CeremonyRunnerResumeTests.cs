using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// A ceremony left open in the log by a killed control plane, closed by a fresh CeremonyRunner over
/// the same (SQLite) log: completed from an answer that was queued across the restart, or aborted
/// with the restart as reason once its deadline passed, with AbortCeremony sent to every participant.
/// </summary>
public sealed class CeremonyRunnerResumeTests : IAsyncLifetime
{
    private const string KeyHex = "0701020304";
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly NodeId[] Order = [N(1), N(3), N(4), N(5), N(2)]; // helpers, then the recipient n2
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-resume-").FullName;
    private readonly ManualTime _time = new(T0.AddSeconds(10));
    private readonly CeremonyId _open = CeremonyId.New();
    private SqliteEventLog _log = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;
    private CeremonyRunner _runner = null!;

    private static NodeId N(int i) => NodeId.FromIndex(i);

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_data);
        // what the killed predecessor left: epoch 1 active, then a redistribution to n2 started
        await _log.AppendAsync([
            new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, KeyHex, [.. Enumerable.Range(1, 5).Select(N)], CeremonyId.New(), T0),
            new CeremonyStarted(_open, CeremonyKind.Redistribution, new KeyEpoch(1), Order, "nodeLost", T0),
        ]);
        _services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _state = new FleetState(_log);
        await _state.CatchUpAsync(CancellationToken.None);
        var options = new FleetOptions();
        var health = new ClusterStateTracker(_state, options, _time, NullLogger<ClusterStateTracker>.Instance);
        _runner = new CeremonyRunner(_services.GetRequiredService<IBus>(), _state, health, options, new FleetMetrics(), _time, NullLogger<CeremonyRunner>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task SettleOrphans_recipient_answer_queued_across_the_restart_completes_the_ceremony()
    {
        _runner.OnFinished(new CeremonyFinished(_open, CeremonyKind.Redistribution, new KeyEpoch(1), N(2), true, Convert.FromHexString(KeyHex), [0xab, 0xcd], [], null));

        Assert.False(await _runner.SettleOrphansAsync(CancellationToken.None));

        var ceremony = _state.Epochs.Ceremonies[_open.ToString()];
        Assert.Equal("completed", ceremony.Status);
        var events = await ReadAsync();
        var share = Assert.Single(events.OfType<ShareDistributed>());
        Assert.Equal((N(2), "abcd"), (share.Recipient, share.VerifyingShareHex));
        Assert.Equal([N(1), N(3), N(4), N(5)], share.Helpers);
        Assert.Equal(1, _state.Epochs.Current);
        Assert.False(await _harness.Sent.Any<AbortCeremony>());
    }

    [Fact]
    public async Task SettleOrphans_no_answer_waits_then_aborts_for_the_restart_and_tells_every_participant()
    {
        Assert.True(await _runner.SettleOrphansAsync(CancellationToken.None));
        Assert.Equal("running", _state.Epochs.Ceremonies[_open.ToString()].Status);

        _time.Now = T0 + new FleetOptions().CeremonyTimeout;
        Assert.False(await _runner.SettleOrphansAsync(CancellationToken.None));

        var aborted = Assert.Single((await ReadAsync()).OfType<CeremonyAborted>());
        Assert.Equal(_open, aborted.Id);
        Assert.StartsWith(CeremonyResumption.Restarted, aborted.Reason, StringComparison.Ordinal);
        Assert.Empty(aborted.Culprits);
        var told = _harness.Sent.Select<AbortCeremony>().Select(m => m.Context.DestinationAddress!.AbsolutePath.TrimStart('/')).Order().ToList();
        Assert.Equal(Order.Select(n => "signer-" + n.Value).Order(), told);
        Assert.False(await _runner.SettleOrphansAsync(CancellationToken.None));
        Assert.Single((await ReadAsync()).OfType<CeremonyAborted>());
    }

    private async Task<List<object>> ReadAsync()
    {
        var all = new List<object>();
        await foreach (var e in _log.ReadAllAsync()) all.Add(e.Data);
        return all;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
