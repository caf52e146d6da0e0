using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Health;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tests.Fleet;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Pki;
using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Tsa;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Health;

/// <summary>
/// Issue 14 item 4: /api/cluster said Healthy (with no nodes) after every restart and while the disk
/// was full, while /tsa answered 503. The state shown and /readyz now say whether a token can be
/// issued now. The log below is what a previous run left: epoch 1 active, its certificate issued,
/// the last recorded state Healthy.
/// </summary>
public sealed class ReadinessTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-ready-").FullName;
    private SqliteEventLog _sqlite = null!;
    private FlakyLog _log = null!;
    private FleetState _state = null!;
    private ClusterStateTracker _health = null!;
    private StoreHealth _store = null!;
    private Readiness _readiness = null!;

    public async Task InitializeAsync()
    {
        _sqlite = await SqliteEventLog.OpenAsync(_data);
        await _sqlite.AppendAsync([
            new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, new string('a', 64), [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), T0),
            new CertificateIssued(new KeyEpoch(1), "frost-ed25519", "0a", "CN=cctsa", new string('c', 64), new string('a', 96), T0, T0.AddYears(1)),
            new ClusterStateChanged(ClusterState.Recovering, ClusterState.Healthy, AlertLevel.None, 5, 5, "previous run", T0),
        ]);
        _log = new FlakyLog(_sqlite);
        var live = new LiveProjections(_log);
        _state = new FleetState(_log, live);
        var options = new FleetOptions();
        _health = new ClusterStateTracker(_state, options, TimeProvider.System, NullLogger<ClusterStateTracker>.Instance);
        await _health.LoadAsync(CancellationToken.None);
        _store = new StoreHealth(_log);
        _readiness = new Readiness(_state, options, _store);
    }

    public async Task DisposeAsync()
    {
        await _sqlite.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public void Fresh_start_with_no_nodes_heard_is_neither_Healthy_nor_ready()
    {
        Assert.Equal(ClusterState.Healthy, _health.Current); // the previous run's last record: what /api/cluster used to show

        var view = ClusterApi.Build(_state, _health, _readiness);
        Assert.Empty(view.Nodes);
        Assert.NotEqual("Healthy", view.State);
        Assert.Equal("Unavailable", view.State);
        var verdict = _readiness.Now();
        Assert.False(verdict.Ready);
        Assert.Contains(verdict.Reasons, r => r.Contains("0 signer(s) reachable", StringComparison.Ordinal));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, StatusOf(HealthApi.Ready(_readiness)));
    }

    [Fact]
    public void Five_signers_with_the_certificate_installed_are_Healthy_and_ready()
    {
        _state.Update(_ => (RosterBuilder.FleetOf(5, 1), 0));

        Assert.Equal("Healthy", ClusterApi.Build(_state, _health, _readiness).State);
        Assert.True(_readiness.Now().Ready);
        Assert.Equal(StatusCodes.Status200OK, StatusOf(HealthApi.Ready(_readiness)));
    }

    [Fact]
    public void Two_signers_are_Unavailable_and_not_ready()
    {
        _state.Update(_ => (RosterBuilder.FleetOf(2, 1), 0));

        Assert.Equal("Unavailable", ClusterApi.Build(_state, _health, _readiness).State);
        Assert.Contains(_readiness.Now().Reasons, r => r.Contains("2 signer(s) reachable for epoch 1, 3 needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_store_write_makes_it_not_ready_until_a_write_succeeds()
    {
        _state.Update(_ => (RosterBuilder.FleetOf(5, 1), 0));
        var journal = new LogIssuanceJournal(_log, _state.Live, _store);

        _log.FailWrites = true; // the disk is full
        await Assert.ThrowsAsync<IOException>(() => journal.RecordAsync(Batch(), CancellationToken.None));

        var verdict = _readiness.Now();
        Assert.False(verdict.Ready);
        Assert.Contains(verdict.Reasons, r => r.Contains("event store write failed", StringComparison.Ordinal) && r.Contains("No space left", StringComparison.Ordinal));
        Assert.Equal("Unavailable", ClusterApi.Build(_state, _health, _readiness).State);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, StatusOf(HealthApi.Ready(_readiness)));

        _log.FailWrites = false; // space freed: the next write succeeds
        Assert.Equal([true], await journal.RecordAsync(Batch(), CancellationToken.None));
        Assert.True(_readiness.Now().Ready);
        Assert.Equal("Healthy", ClusterApi.Build(_state, _health, _readiness).State);
    }

    [Fact]
    public void No_key_epoch_is_not_ready_and_says_why()
    {
        var verdict = ReadinessRules.Decide(0, false, false, 0, 3, null);
        Assert.False(verdict.Ready);
        Assert.Equal(["no key epoch yet (key generation has not completed)"], verdict.Reasons);
        Assert.Contains("not yet installed", Assert.Single(ReadinessRules.Decide(2, false, false, 5, 3, null).Reasons), StringComparison.Ordinal);
        Assert.Contains("revoked", Assert.Single(ReadinessRules.Decide(2, true, true, 5, 3, null).Reasons), StringComparison.Ordinal);
        Assert.True(ReadinessRules.Decide(2, false, true, 3, 3, null).Ready);
    }

    private static int? StatusOf(IResult result) => ((IStatusCodeHttpResult)result).StatusCode;

    private static SignedBatch Batch() => new(new KeyEpoch(1), [NodeId.FromIndex(1)],
        [new(Guid.NewGuid(), [0x30, 0x00], SerialNumber.NewRandom(), DateTimeOffset.UtcNow, "1.3.6.1.4.1.99999.1", "sha256", new byte[32], Sha256Hash.Of([0x30, 0x00]))]);

    /// <summary>The real log, whose appends fail while <see cref="FailWrites"/> is set (as with a full disk).</summary>
    private sealed class FlakyLog(IEventLog inner) : IEventLog
    {
        public bool FailWrites { get; set; }

        public event Action<IReadOnlyList<EventEnvelope>>? Committed
        {
            add => inner.Committed += value;
            remove => inner.Committed -= value;
        }

        public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default) =>
            FailWrites ? Task.FromException<IReadOnlyList<EventEnvelope>>(new IOException("No space left on device")) : inner.AppendAsync(events, ct);

        public Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default) => inner.ReadAsync(after, limit, filter, ct);

        public IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, CancellationToken ct = default) => inner.ReadAllAsync(after, ct);

        public IAsyncEnumerable<StoredEvent> StoredAsync(long after, CancellationToken ct = default) => inner.StoredAsync(after, ct);

        public Task FlushAsync(CancellationToken ct = default) => inner.FlushAsync(ct);

        public Task<ChainHead> HeadAsync(CancellationToken ct = default) => inner.HeadAsync(ct);

        public Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default) => inner.VerifyChainAsync(ct);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
