using System.Diagnostics;
using System.Globalization;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.TransparencyLog;

// dotnet run -c Release --project bench/CcTsa.Bench.TransparencyLog -- append 200000 500 3
// CCTSA_PG="Host=…" dotnet run -c Release --project bench/CcTsa.Bench.TransparencyLog -- append-pg 50000 500 5
// dotnet run -c Release --project bench/CcTsa.Bench.TransparencyLog -- proofs 1000000 2000
// dotnet run -c Release --project bench/CcTsa.Bench.TransparencyLog -- hashes
var mode = args.ElementAtOrDefault(0) ?? "append";
var culture = CultureInfo.InvariantCulture;
long Arg(int i, long fallback) => args.Length > i ? long.Parse(args[i], culture) : fallback;

static TokenIssued Token(long i) => new(SerialNumber.NewRandom(), DateTimeOffset.UnixEpoch.AddSeconds(i), "1.3.6.1.4.1.99999.1", "sha256",
    i.ToString("x64", CultureInfo.InvariantCulture), new KeyEpoch(1), [NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3)], new string('b', 64));

static async Task<double> AppendAsync(IEventLog log, long events, int batch)
{
    var watch = Stopwatch.StartNew();
    for (long done = 0; done < events; done += batch)
        await log.AppendAsync([.. Enumerable.Range(0, batch).Select(i => (object)Token(done + i))]);
    return watch.Elapsed.TotalSeconds;
}

static string NewDir() => Directory.CreateTempSubdirectory("cctsa-tlog-bench-").FullName;

// a fresh log of each kind for one round: the tree-less one is the baseline (the append path minus the tree hook)
static async Task<(IEventLog Without, IEventLog With, Func<Task> Cleanup)> OpenPairAsync(string? pg)
{
    if (pg is null)
    {
        var (d1, d2) = (NewDir(), NewDir());
        IEventLog bare = await SqliteEventLog.OpenWithoutTreeForBenchmarkAsync(d1), tree = await SqliteEventLog.OpenAsync(d2);
        return (bare, tree, async () =>
        {
            await bare.DisposeAsync();
            await tree.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(d1, true);
            Directory.Delete(d2, true);
        });
    }
    var (s1, s2) = ("bench_" + Guid.NewGuid().ToString("N")[..12], "bench_" + Guid.NewGuid().ToString("N")[..12]);
    IEventLog pgBare = await MartenEventLog.OpenWithoutTreeForBenchmarkAsync(pg, s1), pgTree = await MartenEventLog.OpenAsync(pg, s2);
    return (pgBare, pgTree, async () =>
    {
        await pgBare.DisposeAsync();
        await pgTree.DisposeAsync();
        await using var c = new Npgsql.NpgsqlConnection(pg);
        await c.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {s1} CASCADE; DROP SCHEMA IF EXISTS {s2} CASCADE", c);
        await drop.ExecuteNonQueryAsync();
    });
}

// one round: both logs open side by side and fed batch by batch, alternately (which goes first
// flips every batch), each batch timed alone: a burst of load from other processes lands on both
// logs within milliseconds instead of on one whole run, which is what made whole-run ratios swing
static async Task<(double WithoutSeconds, double WithSeconds, double WithoutCpu, double WithCpu)> RoundAsync(string? pg, long events, int batch)
{
    var (without, with, cleanup) = await OpenPairAsync(pg);
    try
    {
        var seconds = new double[2];
        var cpu = new double[2];
        var process = Process.GetCurrentProcess();
        for (long done = 0, n = 0; done < events; done += batch, n++)
        {
            object[] events1 = [.. Enumerable.Range(0, batch).Select(i => (object)Token(done + i))];
            foreach (var which in n % 2 == 0 ? new[] { 0, 1 } : [1, 0])
            {
                process.Refresh();
                var cpu0 = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                await (which == 0 ? without : with).AppendAsync(events1);
                seconds[which] += watch.Elapsed.TotalSeconds;
                process.Refresh();
                cpu[which] += (process.TotalProcessorTime - cpu0).TotalMicroseconds;
            }
        }
        return (seconds[0], seconds[1], cpu[0] / events, cpu[1] / events);
    }
    finally
    {
        await cleanup();
    }
}

if (mode is "append" or "append-pg")
{
    // same process, same batches, interleaved (RoundAsync); the ratio is taken per round and the
    // rounds' median and spread reported; one short untimed round first, so no timed round pays
    // for JIT compilation
    var events = Arg(1, 200_000);
    var batch = (int)Arg(2, 500);
    var rounds = (int)Arg(3, 3);
    var pg = mode == "append-pg" ? Environment.GetEnvironmentVariable("CCTSA_PG") : null;
    if (mode == "append-pg" && string.IsNullOrEmpty(pg))
    {
        Console.Error.WriteLine("append-pg needs CCTSA_PG (an Npgsql connection string to a database it may create schemas in).");
        return 2;
    }
    await RoundAsync(pg, Math.Min(events, 20L * batch), batch);
    var ratios = new List<double>();
    var cpuWith = new List<double>();
    var cpuWithout = new List<double>();
    for (var r = 0; r < rounds; r++)
    {
        var (t0, t1, c0, c1) = await RoundAsync(pg, events, batch);
        ratios.Add(t0 / t1);
        cpuWithout.Add(c0);
        cpuWith.Add(c1);
        Console.WriteLine($"round {r + 1}: without tree {events / t0:F0} events/s ({c0:F1} µs CPU/event), with tree {events / t1:F0} events/s ({c1:F1} µs CPU/event), ratio {ratios[^1]:F3}");
    }
    Console.WriteLine($"CPU per event (median): without {Median(cpuWithout):F1} µs, with {Median(cpuWith):F1} µs, +{(Median(cpuWith) / Median(cpuWithout) - 1) * 100:F1} %");
    Console.WriteLine($"ratio with/without: median {Median(ratios):F3} ({(1 - Median(ratios)) * 100:F1} % slower), min {ratios.Min():F3}, max {ratios.Max():F3} over {rounds} rounds");
}
else if (mode is "proofs" or "proofs-pg")
{
    var events = Arg(1, 1_000_000);
    var samples = (int)Arg(2, 2000);
    var pg = mode == "proofs-pg" ? Environment.GetEnvironmentVariable("CCTSA_PG") : null;
    if (mode == "proofs-pg" && string.IsNullOrEmpty(pg))
    {
        Console.Error.WriteLine("proofs-pg needs CCTSA_PG (an Npgsql connection string to a database it may create schemas in).");
        return 2;
    }
    var dir = NewDir();
    var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
    IEventLog log = pg is null ? await SqliteEventLog.OpenAsync(dir) : await MartenEventLog.OpenAsync(pg, schema);
    await using (log)
    {
        var build = await AppendAsync(log, events, 2000);
        Console.WriteLine($"built {events} events in {build:F1} s ({events / build:F0} events/s, tree included)");
        var reader = new LogTreeReader(log, (ILogTree)log);
        var size = await reader.SizeAsync();
        var random = new Random(21);
        var watch = Stopwatch.StartNew();
        var root = await reader.RootAsync(size);
        Console.WriteLine($"root at {size}: {watch.Elapsed.TotalMilliseconds:F2} ms");
        var inclusion = new List<double>();
        var consistency = new List<double>();
        var verified = 0;
        // where a slow sample's time went (read outside the timing): a collection during it, or
        // this process's CPU time far below the wall time (descheduled by other processes, or I/O)
        var slowWithGc = 0;
        var slowCpuShare = new List<double>();
        var process = Process.GetCurrentProcess();
        var wall = new List<(double Ms, bool Gc, double CpuMs)>();
        var baseline = new List<double>();
        var headQuery = new List<double>();
        var baselineInput = new byte[16 * 1024];
        var baselineDigest = new byte[32];
        for (var i = 0; i < samples; i++)
        {
            var index = random.NextInt64(0, size);
            var gc0 = GC.CollectionCount(0);
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            watch.Restart();
            // what GET /api/log/proof/inclusion does: the path and the entry
            var (path, entry) = await reader.InclusionWithEntryAsync(index, size);
            inclusion.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            wall.Add((inclusion[^1], GC.CollectionCount(0) != gc0, (process.TotalProcessorTime - cpu0).TotalMilliseconds));
            // same-process baseline for the tail: pure CPU work of about a proof's median, no store,
            // no lock, no I/O; if its p99 is as far above its median, the tail is the host's
            watch.Restart();
            for (var k = 0; k < 16; k++) System.Security.Cryptography.SHA256.HashData(baselineInput, baselineDigest);
            baseline.Add(watch.Elapsed.TotalMilliseconds);
            // and one trivial store query (the head), same pool: the store's own tail without the proof code
            watch.Restart();
            await log.HeadAsync();
            headQuery.Add(watch.Elapsed.TotalMilliseconds);
            // checked outside the timing: a fast proof that does not verify would be no figure at all
            if (CcTsa.Crypto.Merkle.MerkleVerifier.VerifyInclusion(index, size, CcTsa.Crypto.Merkle.MerkleHash.Leaf(entry), path, root)) verified++;
            var from = random.NextInt64(1, size);
            watch.Restart();
            var proof = await reader.ConsistencyAsync(from, size);
            consistency.Add(watch.Elapsed.TotalMilliseconds);
            if (CcTsa.Crypto.Merkle.MerkleVerifier.VerifyConsistency(from, size, await reader.RootAsync(from), root, proof)) verified++;
        }
        Console.WriteLine($"inclusion proof + entry at {size}: median {Median(inclusion):F3} ms, p99 {Percentile(inclusion, 0.99):F3} ms");
        var slowBound = 5 * Median(inclusion);
        foreach (var (ms, gc, cpuMs) in wall.Where(w => w.Ms > slowBound))
        {
            if (gc) slowWithGc++;
            slowCpuShare.Add(cpuMs / ms);
        }
        if (slowCpuShare.Count > 0)
            Console.WriteLine($"slow inclusion samples (> 5 × median): {slowCpuShare.Count}, {slowWithGc} with a GC in them, this process's CPU time / wall time in them: median {Median(slowCpuShare):F2}");
        Console.WriteLine($"CPU-only baseline in the same loop (16 × SHA-256 of 16 KiB): median {Median(baseline):F3} ms, p99 {Percentile(baseline, 0.99):F3} ms");
        Console.WriteLine($"one head query in the same loop (same store, same pool): median {Median(headQuery):F3} ms, p99 {Percentile(headQuery, 0.99):F3} ms");
        Console.WriteLine($"consistency proof to {size}: median {Median(consistency):F3} ms, p99 {Percentile(consistency, 0.99):F3} ms");
        Console.WriteLine($"{verified} of {2 * samples} proofs verified (MerkleVerifier); root {root.Hex}");
    }
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(dir, true);
    if (pg is not null)
    {
        await using var c = new Npgsql.NpgsqlConnection(pg);
        await c.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
        await drop.ExecuteNonQueryAsync();
    }
}
else if (mode == "hashes")
{
    // the tree's hashing pieces per call, against .NET's one-shot SHA-256 of the same entry (EVP):
    // the entry layout, the leaf hash of a laid-out entry, LeafHash (both), one node hash
    var ev = EventCodec.Encode(Token(1));
    var now = DateTimeOffset.UtcNow;
    var entry = LogEntry.Encode(5, now, ev.Type, ev.Utf8.Span);
    Console.WriteLine($"data {ev.Utf8.Length} bytes, entry {entry.Length} bytes");
    var d = new byte[32];
    const int n = 200_000;
    double PerCall(Action<int> call)
    {
        var w = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) call(i);
        return w.Elapsed.TotalSeconds / n * 1e6;
    }
    for (var round = 0; round < 3; round++)
    {
        var layout = PerCall(i => LogEntry.Encode(5 + i, now, ev.Type, ev.Utf8.Span));
        var leaf = PerCall(_ => CcTsa.Crypto.Merkle.MerkleHash.Leaf(entry, d));
        var oneShot = PerCall(_ => System.Security.Cryptography.SHA256.HashData(entry, d));
        var leafHash = PerCall(i => LogEntry.LeafHash(5 + i, now, ev.Type, ev.Utf8.Span, d));
        var node = PerCall(_ => CcTsa.Crypto.Merkle.MerkleHash.Node(d, d, d));
        Console.WriteLine($"per call: entry layout (allocating) {layout:F3} µs, MerkleHash.Leaf {leaf:F3} µs, SHA256.HashData of the entry {oneShot:F3} µs, " +
            $"LogEntry.LeafHash {leafHash:F3} µs, MerkleHash.Node {node:F3} µs (direct SHA-256: {CcTsa.Crypto.Merkle.MerkleHash.UsesDirectSha256})");
    }
}
else if (mode == "cpu")
{
    // the tree hook's CPU alone, without any store: the leaf hashes, and the whole Prepare the
    // stores run per batch (leaves + plan from the in-memory frontier), against the hash chain
    var events = (int)Arg(1, 100_000);
    var encoded = Enumerable.Range(0, events).Select(i => EventCodec.Encode(Token(i))).ToList();
    var now = DateTimeOffset.UtcNow;
    const int batch = 500;
    for (var round = 0; round < 3; round++)
    {
        var watch = Stopwatch.StartNew();
        var digests = LogEntry.LeafDigests(1, now, encoded);
        var leaf = watch.Elapsed.TotalSeconds;
        var appender = new LogTreeAppender();
        appender.Committed(new TreeAppend([], new CcTsa.Crypto.Merkle.MerkleFrontier()));
        watch.Restart();
        for (var done = 0; done + batch <= events; done += batch)
            appender.Committed(appender.Prepare(done, now, encoded.GetRange(done, batch)).Plan!);
        var prepare = watch.Elapsed.TotalSeconds;
        watch.Restart();
        var prev = HashChain.Genesis;
        for (var i = 0; i < encoded.Count; i++) prev = HashChain.Compute(prev, i + 1, now, encoded[i].Type, encoded[i].Utf8.Span);
        var chain = watch.Elapsed.TotalSeconds;
        GC.KeepAlive(digests);
        Console.WriteLine($"per event: leaf hash {leaf / events * 1e6:F2} µs, whole tree hook (Prepare: leaves + frontier + rows) {prepare / events * 1e6:F2} µs, hash chain {chain / events * 1e6:F2} µs");
    }
}
else
{
    Console.Error.WriteLine("usage: append|append-pg [events] [batch] [rounds] | proofs|proofs-pg [events] [samples] | cpu [events] | hashes");
    return 2;
}
return 0;

static double Median(List<double> xs) => Percentile(xs, 0.5);

static double Percentile(List<double> xs, double p)
{
    var sorted = xs.Order().ToList();
    return sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
