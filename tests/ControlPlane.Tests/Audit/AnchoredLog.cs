using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// A SQLite log in the data directory of a test TSA (so DATA/pki holds the CA and the epoch
/// certificate), anchored for real by <see cref="AuditAnchorService"/>: anchors carry genuine
/// tokens and are also appended to DATA/anchors.jsonl.
/// </summary>
public sealed class AnchoredLog : IAsyncDisposable
{
    private readonly FileLeadership _leadership;
    private readonly AuditAnchorService _anchors;

    private AnchoredLog(TsaTestHost tsa, SqliteEventLog log, FileLeadership leadership)
    {
        Tsa = tsa;
        Log = log;
        _leadership = leadership;
        Journal = new AnchorJournal(tsa.DataDirectory);
        _anchors = new AuditAnchorService(log, tsa.Services.GetRequiredService<TimestampFront>(), leadership, AuditAnchorOptions.Default,
            TimeProvider.System, NullLogger<AuditAnchorService>.Instance, Journal);
    }

    public TsaTestHost Tsa { get; }

    public SqliteEventLog Log { get; }

    public AnchorJournal Journal { get; }

    public string Data => Tsa.DataDirectory;

    public static async Task<AnchoredLog> StartAsync()
    {
        var tsa = await TsaTestHost.StartAsync();
        var log = await SqliteEventLog.OpenAsync(tsa.DataDirectory);
        var leadership = new FileLeadership(tsa.DataDirectory);
        Assert.True(await leadership.TryAcquireAsync());
        return new AnchoredLog(tsa, log, leadership);
    }

    /// <summary>Appends <paramref name="count"/> NodeStarted events, one transaction each.</summary>
    public async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await Log.AppendAsync([new NodeStarted(NodeId.FromIndex(i % 5 + 1), "azure", DateTimeOffset.UtcNow)]);
    }

    /// <summary>Anchors the current head; returns the sequence of the AuditAnchored event.</summary>
    public async Task<long> AnchorAsync()
    {
        Assert.NotNull(await _anchors.AnchorOnceAsync(CancellationToken.None));
        return (await Log.HeadAsync()).Sequence;
    }

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await _leadership.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Tsa.DisposeAsync();
    }
}
