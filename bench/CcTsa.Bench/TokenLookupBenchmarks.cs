using System.Numerics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using Microsoft.AspNetCore.Http;

namespace CcTsa.Bench;

/// <summary>
/// GET /api/tokens?serial=HEX over a SQLite log holding 100,000 TokenIssued: the read model's index
/// (the endpoint as served: tail read + dictionary probe) beside the scan every request did before
/// (page through all TokenIssued rows, 1,000 at a time, compare each serial), same log, same process.
/// Run: <c>dotnet run -c Release --project bench/CcTsa.Bench -- --filter '*TokenLookup*'</c>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class TokenLookupBenchmarks
{
    public const int Tokens = 100_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-bench-tokens-" + Guid.NewGuid().ToString("N"));
    private SqliteEventLog _log = null!;
    private LiveProjections _live = null!;
    private string _wanted = "";
    private int _found;
    private List<CcTsa.Contracts.Events.EventEnvelope> _envelopes = [];

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_dir);
        var t0 = DateTimeOffset.UtcNow;
        SerialNumber probe = default;
        for (var batch = 0; batch < Tokens / 1000; batch++)
        {
            var events = new List<object>(1000);
            for (var i = 0; i < 1000; i++)
            {
                var n = batch * 1000 + i;
                var token = new TokenIssued(SerialNumber.NewRandom(), t0.AddMilliseconds(n), "1.3.6.1.4.1.99999.1", "sha256",
                    new BigInteger(n).ToString("x64", System.Globalization.CultureInfo.InvariantCulture), new KeyEpoch(1),
                    [NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3)], new string('b', 64));
                // the serial looked up sits in the middle of the log
                if (n == Tokens / 2) probe = token.Serial;
                events.Add(token);
            }
            await _log.AppendAsync(events);
        }
        _live = await LiveProjections.AttachAsync(_log);
        await foreach (var e in _log.ReadAllAsync()) _envelopes.Add(e);
        _wanted = probe.ToHex();
        if (_live.Current.Tokens.Count != Tokens) throw new InvalidOperationException("the read model missed tokens");
    }

    [Benchmark(Baseline = true, Description = "scan (before): page all TokenIssued")]
    public async Task<int> Scan()
    {
        var found = 0;
        var filter = new EventFilter(Type: EventCodec.AliasOf(typeof(TokenIssued)));
        long cursor = 0;
        while (true)
        {
            var page = await _log.ReadAsync(cursor, 1000, filter);
            if (page.Count == 0) break;
            cursor = page[^1].Sequence;
            foreach (var e in page)
                if (e.Data is TokenIssued t && string.Equals(t.Serial.ToHex(), _wanted, StringComparison.Ordinal)) found++;
        }
        return Check(found);
    }

    [Benchmark(Description = "index (now): TokensApi.GetAsync")]
    public async Task<int> Index()
    {
        var result = await TokensApi.GetAsync(_live, new DefaultHttpContext(), _wanted, null);
        return Check(result.Result is Microsoft.AspNetCore.Http.HttpResults.Ok<TokensApi.TokenPage> ok ? ok.Value!.Tokens.Count : 0);
    }

    /// <summary>The dictionary probe alone, without the endpoint's tail read: where the rest of the time goes.</summary>
    [Benchmark(Description = "index probe only (no tail read)")]
    public int Probe() => Check(_live.Current.Tokens.WithSerial(SerialNumber.ParseHex(_wanted)).Count);

    /// <summary>What the read model costs at start-up and on the writer loop: folding all 100,000 events (already decoded).</summary>
    [Benchmark(Description = "fold 100,000 TokenIssued into the read model")]
    public long Fold()
    {
        var live = new LiveProjections();
        live.Apply(_envelopes);
        return live.Current.Tokens.Count == Tokens ? live.Current.Sequence : throw new InvalidOperationException("fold missed tokens");
    }

    private int Check(int found) => found == 1 ? _found = found : throw new InvalidOperationException($"found {found} tokens, expected 1");

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
