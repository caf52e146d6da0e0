using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.EventStore.Sqlite;
using Npgsql;

namespace CcTsa.Bench;

/// <summary>
/// Issue 17's event-store targets, on SQLite and (when CCTSA_PG names a database) on PostgreSQL,
/// each in a fresh store (SQLite: a temporary directory; PostgreSQL: a schema of its own, dropped after):
/// <list type="number">
/// <item>append: <c>writers</c> concurrent callers, each appending one TokenIssued per call (the
/// group commit merges them), then the same with 16 events per call (one signed batch per call, as
/// the issuance journal does) — events/s, events per transaction, and CPU per event of this process
/// and (PostgreSQL on this host) of the server's processes: on a loaded host only the CPU compares;</item>
/// <item>the store filled to <c>events</c> TokenIssued with an AuditAnchored every 10,000, then the
/// /api/events query (<see cref="EventsApi.GetAsync"/>'s read: limit 100 + 1) by type and time range —
/// a one-minute window in the middle, the rare type over the whole log — against the same-run
/// baseline of an unfiltered page from the middle of the log. Medians of 5.</item>
/// </list>
/// Run: <c>dotnet run -c Release --project bench/CcTsa.Bench -- event-store 1000000 64</c>.
/// </summary>
public static class EventStoreBench
{
    private const int AppendEvents = 100_000;
    private const int AnchorEvery = 10_000;
    private static readonly NodeId[] Signers = [NodeId.FromIndex(1), NodeId.FromIndex(2), NodeId.FromIndex(3)];
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow;

    public static async Task<int> RunAsync(string[] args)
    {
        var events = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        var writers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64;
        // optional: which events-per-call append phases (default 1,16); events = 0 skips the fill and the queries
        var perCall = args.Length > 3 ? args[3].Split(',').Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [1, 16];
        var dir = Path.Combine(Path.GetTempPath(), "cctsa-bench-store-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var sqlite = await SqliteEventLog.OpenAsync(dir))
                await MeasureAsync("SQLite", sqlite, sqlite.Commit, events, writers, perCall);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        if (Environment.GetEnvironmentVariable("CCTSA_PG") is not { Length: > 0 } cs)
        {
            Console.WriteLine("PostgreSQL: not measured (set CCTSA_PG to a connection string)");
            return 0;
        }
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        try
        {
            await using var marten = await MartenEventLog.OpenAsync(cs, schema);
            await MeasureAsync("PostgreSQL", marten, marten.Commit, events, writers, perCall);
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(cs);
            await c.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", c);
            await drop.ExecuteNonQueryAsync();
        }
        return 0;
    }

    private static async Task MeasureAsync(string store, IEventLog log, GroupCommit commit, int events, int writers, int[] perCallPhases)
    {
        var appended = 0L;
        foreach (var perCall in perCallPhases)
        {
            var (batches, written) = (commit.Batches, commit.Events);
            var server = LocalPostgresCpu();
            var time = await TimeAsync(() => AppendConcurrentlyAsync(log, writers, perCall, AppendEvents, appended));
            server = LocalPostgresCpu() - server;
            appended += AppendEvents;
            var transactions = commit.Batches - batches;
            var serverCpu = store == "PostgreSQL" ? Line($", local server {server.TotalSeconds:F2} s CPU = {server.TotalMicroseconds / AppendEvents:F1} µs/event") : "";
            Console.WriteLine(Line($"{store} append, {writers} writers × {perCall} event(s) per call: {AppendEvents / time.Wall.TotalSeconds:N0} events/s ({time.Wall.TotalSeconds:F2} s wall, {time.Cpu.TotalSeconds:F2} s CPU = {time.Cpu.TotalMicroseconds / AppendEvents:F1} µs/event{serverCpu}; {transactions:N0} transactions, {(commit.Events - written) / (double)Math.Max(1, transactions):F0} events each)"));
        }

        if (events == 0) return;
        var fill = await TimeAsync(() => FillAsync(log, appended, events));
        Console.WriteLine(Line($"{store} filled to {events:N0} events in {fill.Wall.TotalSeconds:F1} s ({(events - appended) / fill.Wall.TotalSeconds:N0} events/s in calls of 1,000)"));

        // from/to filter on store time (the append time), so the windows are placed by the log's own timestamps
        var middle = await StoreTimeAsync(log, events / 2);
        var lastQuarter = await StoreTimeAsync(log, events * 3L / 4);
        var end = await StoreTimeAsync(log, events);
        // the same read /api/events makes: limit 100 + 1 to know whether there is a next page
        var queries = new (string Name, long After, EventFilter Filter)[]
        {
            ("baseline: unfiltered page from the middle (?after=N/2)", events / 2, EventFilter.All),
            ("?type=token_issued&from=&to= (one second from the middle)", 0, new EventFilter(Alias<TokenIssued>(), middle, middle.AddSeconds(1))),
            ("?type=token_issued&from= (open end from the middle: the widest window)", 0, new EventFilter(Alias<TokenIssued>(), middle)),
            ("?type=audit_anchored (rare type, whole log)", 0, new EventFilter(Alias<AuditAnchored>())),
            ("?type=audit_anchored&from=&to= (rare type, last quarter)", 0, new EventFilter(Alias<AuditAnchored>(), lastQuarter, end)),
        };
        foreach (var (name, after, filter) in queries)
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < 5; i++)
            {
                var sw = Stopwatch.StartNew();
                rows = (await log.ReadAsync(after, EventsApi.DefaultLimit + 1, filter)).Count;
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(Line($"{store} over {events:N0} events, {name}: median {times[2]:F1} ms (min {times[0]:F1}, max {times[^1]:F1}), {rows} rows"));
        }
    }

    private static async Task<bool> AppendConcurrentlyAsync(IEventLog log, int writers, int perCall, int total, long offset)
    {
        var next = -perCall;
        var tasks = Enumerable.Range(0, writers).Select(_ => Task.Run(async () =>
        {
            int start;
            while ((start = Interlocked.Add(ref next, perCall)) < total)
                await log.AppendAsync([.. Enumerable.Range(start, Math.Min(perCall, total - start)).Select(n => Token(offset + n))]);
        }));
        await Task.WhenAll(tasks);
        return true;
    }

    private static async Task<bool> FillAsync(IEventLog log, long from, int events)
    {
        for (var start = from; start < events; start += 1000)
        {
            var list = new List<object>(1001);
            for (var n = start; n < start + 1000 && n < events; n++)
            {
                list.Add(Token(n));
                if (n % AnchorEvery == AnchorEvery - 1)
                    list.Add(new AuditAnchored(n, new string('c', 64), SerialNumber.NewRandom(), T0.AddMilliseconds(n)));
            }
            await log.AppendAsync(list);
        }
        return true;
    }

    private static async Task<DateTimeOffset> StoreTimeAsync(IEventLog log, long sequence) =>
        (await log.ReadAsync(sequence - 1, 1)).Single().Timestamp;

    private static TokenIssued Token(long n) => new(SerialNumber.NewRandom(), T0.AddMilliseconds(n), "1.3.6.1.4.1.99999.1", "sha256",
        new BigInteger(n).ToString("x64", CultureInfo.InvariantCulture), new KeyEpoch(1), Signers, new string('b', 64));

    private static string Alias<T>() => EventCodec.Aliases[typeof(T)];

    private static string Line(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// CPU of every postgres process on this host (the pooled backends live through a phase): under a
    /// shared host's load, wall-clock rates are the neighbours'; CPU per event is the store's own.
    /// Zero when the server is elsewhere.
    /// </summary>
    private static TimeSpan LocalPostgresCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var p in Process.GetProcessesByName("postgres"))
        {
            using (p)
            {
                try { total += p.TotalProcessorTime; }
                catch (InvalidOperationException) { } // exited meanwhile
            }
        }
        return total;
    }

    private static async Task<(TimeSpan Wall, TimeSpan Cpu)> TimeAsync(Func<Task<bool>> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        if (!await run()) throw new InvalidOperationException("the bench phase did not do what it should");
        return (sw.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpu);
    }
}
