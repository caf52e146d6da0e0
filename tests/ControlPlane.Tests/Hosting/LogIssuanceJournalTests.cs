using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.Tsa;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Projections;

namespace CcTsa.ControlPlane.Tests.Hosting;

/// <summary>The journal's serial check (invariant 7) reads the live read model's token index.</summary>
public sealed class LogIssuanceJournalTests : IAsyncLifetime
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-journal-" + Guid.NewGuid().ToString("N"));
    private SqliteEventLog _log = null!;

    public async Task InitializeAsync() => _log = await SqliteEventLog.OpenAsync(_dir);

    [Fact]
    public async Task A_serial_already_in_the_log_or_twice_in_a_batch_is_refused()
    {
        var old = Signed(SerialNumber.NewRandom());
        // written by an earlier process: only the start-up fold of the log knows it
        await _log.AppendAsync([new TokenIssued(old.Serial, old.GenTime, old.Policy, old.ImprintAlgorithm, Convert.ToHexStringLower(old.HashedMessage), new KeyEpoch(1), [], old.TokenSha256.Hex)]);
        var live = await LiveProjections.AttachAsync(_log);
        var journal = new LogIssuanceJournal(_log, live);

        var fresh = Signed(SerialNumber.NewRandom());
        var accepted = await journal.RecordAsync(Batch(2, fresh, old, fresh with { RequestId = Guid.NewGuid() }), CancellationToken.None);

        Assert.Equal([true, false, false], accepted);
        var issued = Assert.Single(live.Current.Tokens.WithSerial(fresh.Serial));
        Assert.Equal(new KeyEpoch(2), issued.Token.Epoch);
        Assert.Equal(2, live.Current.Tokens.Count);
        Assert.Equal([false], await journal.RecordAsync(Batch(2, fresh with { RequestId = Guid.NewGuid() }), CancellationToken.None));
    }

    [Fact]
    public async Task A_read_model_not_subscribed_to_the_log_still_learns_the_serials_the_journal_wrote()
    {
        var live = new LiveProjections(_log);
        var journal = new LogIssuanceJournal(_log, live);
        await journal.LoadAsync(CancellationToken.None);
        var token = Signed(SerialNumber.NewRandom());

        Assert.Equal([true], await journal.RecordAsync(Batch(1, token), CancellationToken.None));
        Assert.True(live.Current.Tokens.Contains(token.Serial));
        Assert.Equal([false], await journal.RecordAsync(Batch(1, token with { RequestId = Guid.NewGuid() }), CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_batches_with_one_serial_issue_it_once()
    {
        var live = await LiveProjections.AttachAsync(_log);
        var journal = new LogIssuanceJournal(_log, live);
        var serial = SerialNumber.NewRandom();
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => journal.RecordAsync(Batch(1, Signed(serial)), CancellationToken.None))));
        Assert.Equal(1, results.Count(r => r[0]));
        Assert.Single(live.Current.Tokens.WithSerial(serial));
    }

    private static SignedBatch Batch(int epoch, params SignedTimestamp[] tokens) => new(new KeyEpoch(epoch), [NodeId.FromIndex(1)], tokens);

    private static SignedTimestamp Signed(SerialNumber serial) =>
        new(Guid.NewGuid(), [0x30, 0x00], serial, DateTimeOffset.UtcNow, "1.3.6.1.4.1.99999.1", "sha256", new byte[32], Sha256Hash.Of([0x30, 0x00]));

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
