using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tests.EventStore;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>The read model's two feeds (commits and tail reads) apply each event once, in order.</summary>
public sealed class LiveProjectionsTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-live-" + Guid.NewGuid().ToString("N"));
    private SqliteEventLog _log = null!;

    public async Task InitializeAsync() => _log = await SqliteEventLog.OpenAsync(_dir);

    [Fact]
    public async Task An_envelope_past_a_gap_waits_until_the_tail_read_closes_it()
    {
        var stored = await _log.AppendAsync([SampleEvents.Token(0), SampleEvents.Token(1), SampleEvents.Token(2)]);
        var live = new LiveProjections(_log);

        // the third commit arrives first (another writer wrote the first two): held, not applied
        live.Apply(stored[2]);
        Assert.Equal(0, live.Current.Sequence);
        Assert.Equal(0, live.Current.Tokens.Count);

        await live.CatchUpAsync();
        Assert.Equal(3, live.Current.Sequence);
        Assert.Equal(3, live.Current.Tokens.Count);

        // both feeds overlapping: nothing is applied twice
        live.Apply(stored);
        await live.CatchUpAsync();
        Assert.Equal(3, live.Current.Tokens.Count);
        Assert.Empty(live.Current.Tokens.RepeatedSerials);
    }

    [Fact]
    public async Task Attaching_twice_subscribes_once_and_changes_are_raised_in_order()
    {
        var live = new LiveProjections(_log);
        await live.AttachAsync();
        await live.AttachAsync();
        var seen = new List<long>();
        live.Changed += (_, e) => seen.Add(e.Sequence);

        await _log.AppendAsync([SampleEvents.Token(0)]);
        await _log.AppendAsync([SampleEvents.Token(1), SampleEvents.Token(2)]);

        Assert.Equal([1L, 2L, 3L], seen);
        Assert.Equal(3, live.Current.Tokens.Count);
    }

    [Fact]
    public async Task A_read_model_without_a_log_cannot_attach_or_read() =>
        await Assert.ThrowsAsync<InvalidOperationException>(() => new LiveProjections().CatchUpAsync());

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
