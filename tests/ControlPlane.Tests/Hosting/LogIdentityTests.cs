using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Contracts.Events.Incidents;

namespace CcTsa.ControlPlane.Tests.Hosting;

/// <summary>Issue 14 item 8: a data folder is bound to the log it was first started with.</summary>
public sealed class LogIdentityTests : IDisposable
{
    private readonly string _logA = Directory.CreateTempSubdirectory("cctsa-logid-a-").FullName;
    private readonly string _logB = Directory.CreateTempSubdirectory("cctsa-logid-b-").FullName;
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-logid-data-").FullName;

    public void Dispose()
    {
        foreach (var d in new[] { _logA, _logB, _data }) Directory.Delete(d, recursive: true);
    }

    [Fact]
    public async Task Empty_log_leaves_the_folder_pending_and_the_first_event_binds_it()
    {
        await using var log = await SqliteEventLog.OpenAsync(_logA);

        Assert.Equal(LogIdentityStatus.Pending, (await LogIdentity.BindAsync(log, _data, CancellationToken.None)).Status);
        Assert.False(File.Exists(LogIdentity.PathIn(_data)));

        var first = await log.AppendAsync([Opened()]);
        var adopted = await LogIdentity.BindAsync(log, _data, CancellationToken.None);

        Assert.Equal(LogIdentityStatus.Adopted, adopted.Status);
        Assert.Equal(first[0].Hash.Hex, LogIdentity.Read(LogIdentity.PathIn(_data)));
        await log.AppendAsync([Opened()]);
        Assert.Equal(LogIdentityStatus.Bound, (await LogIdentity.BindAsync(log, _data, CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Folder_of_another_log_or_of_a_log_against_a_fresh_store_is_a_mismatch_naming_both_and_changes_nothing()
    {
        string genesisA;
        await using (var a = await SqliteEventLog.OpenAsync(_logA))
        {
            genesisA = (await a.AppendAsync([Opened()]))[0].Hash.Hex;
            Assert.Equal(LogIdentityStatus.Adopted, (await LogIdentity.BindAsync(a, _data, CancellationToken.None)).Status);
        }
        await using var b = await SqliteEventLog.OpenAsync(_logB);

        var fresh = await LogIdentity.BindAsync(b, _data, CancellationToken.None);
        Assert.Equal(LogIdentityStatus.Mismatch, fresh.Status);
        Assert.Contains(genesisA, fresh.Message, StringComparison.Ordinal);
        Assert.Contains("event store is empty", fresh.Message, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_data), fresh.Message, StringComparison.Ordinal);

        var genesisB = (await b.AppendAsync([Opened()]))[0].Hash.Hex;
        var other = await LogIdentity.BindAsync(b, _data, CancellationToken.None);
        Assert.Equal(LogIdentityStatus.Mismatch, other.Status);
        Assert.Contains(genesisB, other.Message, StringComparison.Ordinal);
        Assert.Equal(genesisA, LogIdentity.Read(LogIdentity.PathIn(_data)));
    }

    private static IncidentOpened Opened() => new(IncidentId.New(), "bootstrap", "test", [], DateTimeOffset.UtcNow);
}
