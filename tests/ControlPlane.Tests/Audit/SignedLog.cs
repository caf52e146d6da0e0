using System.Numerics;
using System.Security.Cryptography;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// A SQLite log in the data directory of a test TSA (so DATA/pki holds the CA and the epoch
/// certificate) whose tree heads are signed for real by <see cref="LogHeadService"/> (genuine
/// tokens, each head also appended to DATA/anchors.jsonl). <see cref="LegacyAnchorAsync"/> writes
/// what the retired AuditAnchorService wrote, so logs from before signed heads can be built too.
/// </summary>
public sealed class SignedLog : IAsyncDisposable
{
    private readonly FileLeadership _leadership;
    private readonly LogHeadService _heads;

    private SignedLog(TsaTestHost tsa, SqliteEventLog log, FileLeadership leadership, LiveProjections live)
    {
        Tsa = tsa;
        Log = log;
        _leadership = leadership;
        Journal = new AnchorJournal(tsa.DataDirectory);
        _heads = new LogHeadService(log, log, live, tsa.Services.GetRequiredService<TimestampFront>(), leadership, LogHeadOptions.Default,
            TimeProvider.System, NullLogger<LogHeadService>.Instance, Journal);
    }

    public TsaTestHost Tsa { get; }

    public SqliteEventLog Log { get; }

    public AnchorJournal Journal { get; }

    public string Data => Tsa.DataDirectory;

    public static async Task<SignedLog> StartAsync()
    {
        var tsa = await TsaTestHost.StartAsync();
        var log = await SqliteEventLog.OpenAsync(tsa.DataDirectory);
        var leadership = new FileLeadership(tsa.DataDirectory);
        Assert.True(await leadership.TryAcquireAsync());
        return new SignedLog(tsa, log, leadership, await LiveProjections.AttachAsync(log));
    }

    /// <summary>Appends <paramref name="count"/> NodeStarted events, one transaction each.</summary>
    public async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await Log.AppendAsync([new NodeStarted(NodeId.FromIndex(i % 5 + 1), "azure", DateTimeOffset.UtcNow)]);
    }

    /// <summary>Signs the current tree head; returns the sequence of the LogHeadSigned event and the head.</summary>
    public async Task<(long Sequence, LogHeadSigned Head)> SignHeadAsync()
    {
        var head = await _heads.SignOnceAsync(CancellationToken.None);
        Assert.NotNull(head);
        return ((await Log.HeadAsync()).Sequence, head);
    }

    /// <summary>
    /// An anchor as logs written before signed heads hold it: the chain head time-stamped through
    /// the front (imprint = head hash, no certificate), AuditAnchored with the DER TimeStampResp,
    /// and a journal line of kind anchor. Returns the sequence of the AuditAnchored event.
    /// </summary>
    public async Task<long> LegacyAnchorAsync()
    {
        var head = await Log.HeadAsync();
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, head.Hash.ToArray(), null,
            new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true), certReq: false);
        var reply = await Tsa.Services.GetRequiredService<TimestampFront>().HandleAsync(Guid.NewGuid(), request, CancellationToken.None);
        Assert.True(reply.TryGet(out var token, out _));
        var tokenBase64 = Convert.ToBase64String(token.ResponseDer);
        var written = await Log.AppendAsync([new AuditAnchored(head.Sequence, head.Hash.Hex, token.Serial, token.GenTime, tokenBase64)]);
        Journal.Append(new AnchorRecord(head.Sequence, head.Hash.Hex, token.GenTime, AnchorRecord.AnchorKind, tokenBase64));
        return written[^1].Sequence;
    }

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        await _leadership.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Tsa.DisposeAsync();
    }
}
