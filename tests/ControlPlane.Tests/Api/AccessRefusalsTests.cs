using CcTsa.Contracts.Events.Access;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.EventStore.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Api;

/// <summary>Refusal events are rate-limited per source and minute, and in total, and count what they stand for.</summary>
public sealed class AccessRefusalsTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-refusals-").FullName;
    private readonly ManualTime _time = new();
    private SqliteEventLog _log = null!;

    public async Task InitializeAsync() => _log = await SqliteEventLog.OpenAsync(_dir);

    [Fact]
    public async Task One_source_gets_one_event_per_minute_counting_the_refusals_in_between()
    {
        using var refusals = new AccessRefusals(_log, _time, NullLogger<AccessRefusals>.Instance);
        for (var i = 0; i < 30; i++)
        {
            await refusals.RecordAsync("203.0.113.7", "POST", "/api/faults/n1/kill", 401, ApiAccess.Operator, "no bearer token", CancellationToken.None);
            _time.Advance(TimeSpan.FromSeconds(5)); // 150 s in all
        }
        var events = await EventsAsync();
        Assert.Equal([1L, 12L, 12L], events.Select(e => e.Refusals));
        Assert.All(events, e => Assert.Equal("203.0.113.7", e.Source));
    }

    [Fact]
    public async Task Many_sources_in_one_minute_are_capped_in_total()
    {
        using var refusals = new AccessRefusals(_log, _time, NullLogger<AccessRefusals>.Instance);
        for (var i = 0; i < 500; i++)
            await refusals.RecordAsync($"2001:db8::{i:x}", "GET", "/api/events", 403, ApiAccess.AuditRead, "wrong token", CancellationToken.None);
        Assert.Equal(AccessRefusals.MaxEventsPerMinute, (await EventsAsync()).Count);
    }

    private async Task<IReadOnlyList<ApiAccessRefused>> EventsAsync()
    {
        var found = new List<ApiAccessRefused>();
        await foreach (var e in _log.ReadAllAsync(0, CancellationToken.None))
            if (e.Data is ApiAccessRefused r) found.Add(r);
        return found;
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private sealed class ManualTime : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 12, 6, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
