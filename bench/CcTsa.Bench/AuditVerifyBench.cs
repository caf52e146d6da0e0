using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore.Sqlite;

namespace CcTsa.Bench;

/// <summary>
/// `audit verify` over a large SQLite log (issue 14: one million events in under 10 s). Builds a
/// log of N TokenIssued events (what a TSA log mostly holds) with an AuditAnchored every 10,000
/// events, each also written to anchors.jsonl, then times, in the same process and run:
/// the raw row read alone (baseline: what any walk must pay), the link-only walk
/// (IEventLog.VerifyChainAsync, the old `audit verify`), and the full AuditVerifier (links, every
/// anchor head, every anchors.jsonl head). Anchors carry no token here: a token check costs one
/// signature verification per anchor (one every 5 minutes in production), negligible beside N.
/// Run: <c>dotnet run -c Release --project bench/CcTsa.Bench -- audit-verify 1000000 3</c>.
/// </summary>
public static class AuditVerifyBench
{
    private const int AnchorEvery = 10_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var dir = Path.Combine(Path.GetTempPath(), "cctsa-bench-audit-" + Guid.NewGuid().ToString("N"));
        try
        {
            var build = Stopwatch.StartNew();
            await using (var log = await SqliteEventLog.OpenAsync(dir))
                await FillAsync(log, new AnchorJournal(dir), events);
            Console.WriteLine($"built {events:N0} events in {build.Elapsed.TotalSeconds:F1} s ({new FileInfo(Path.Combine(dir, SqliteEventLog.FileName)).Length / 1e6:F0} MB)");
            AnchorJournal.TryRead(Path.Combine(dir, AnchorJournal.FileName), out var records, out _);
            var options = new AuditVerifyOptions([.. records.Select((r, i) => ExpectedHead.From(r, i + 1))]);
            Console.WriteLine("round | raw read s (cpu s) | link walk s (cpu s) | AuditVerifier s (cpu s) | verifier ÷ raw (wall, cpu) | verifier events/s | alloc MB");
            for (var round = 1; round <= rounds; round++)
            {
                await using var log = await SqliteEventLog.OpenAsync(dir);
                var raw = await TimeAsync(async () => { long n = 0; await foreach (var _ in log.StoredAsync(0)) n++; return n == events + events / AnchorEvery; });
                var links = await TimeAsync(async () => (await log.VerifyChainAsync()).Ok);
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var full = await TimeAsync(async () =>
                {
                    var v = await new AuditVerifier(log).VerifyAsync(options);
                    return v.Ok && v.AnchorsChecked == events / AnchorEvery && v.ExpectedMatched == records.Count;
                });
                var mb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{round} | {raw.Wall.TotalSeconds:F2} ({raw.Cpu.TotalSeconds:F2}) | {links.Wall.TotalSeconds:F2} ({links.Cpu.TotalSeconds:F2}) | {full.Wall.TotalSeconds:F2} ({full.Cpu.TotalSeconds:F2}) | {full.Wall / raw.Wall:F2}, {full.Cpu / raw.Cpu:F2} | {events / full.Wall.TotalSeconds:N0} | {mb:F0}"));
            }
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task FillAsync(SqliteEventLog log, AnchorJournal journal, int events)
    {
        var t0 = DateTimeOffset.UtcNow;
        var signers = new[] { NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3) };
        for (var start = 0; start < events; start += AnchorEvery)
        {
            for (var batch = start; batch < start + AnchorEvery && batch < events; batch += 1000)
            {
                var list = new List<object>(1000);
                for (var n = batch; n < batch + 1000 && n < events; n++)
                    list.Add(new TokenIssued(SerialNumber.NewRandom(), t0.AddMilliseconds(n), "1.3.6.1.4.1.99999.1", "sha256",
                        new BigInteger(n).ToString("x64", CultureInfo.InvariantCulture), new KeyEpoch(1), signers, new string('b', 64)));
                await log.AppendAsync(list);
            }
            if (start + AnchorEvery > events) break;
            var head = await log.HeadAsync();
            await log.AppendAsync([new AuditAnchored(head.Sequence, head.Hash.Hex, SerialNumber.NewRandom(), DateTimeOffset.UtcNow)]);
            journal.Append(new AnchorRecord(head.Sequence, head.Hash.Hex, DateTimeOffset.UtcNow, AnchorRecord.AnchorKind));
        }
    }

    /// <summary>Wall time, and the process's CPU time (all threads, GC included): on a shared, loaded machine the second is the steadier figure.</summary>
    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> TimeAsync(Func<Task<bool>> body)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        if (!await body()) throw new InvalidOperationException("the walk did not see the log it was given");
        var wall = sw.Elapsed;
        process.Refresh();
        return (wall, process.TotalProcessorTime - cpu);
    }
}
