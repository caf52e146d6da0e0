using CcTsa.Cli.Commands;
using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>
/// Issue 19 (active-active control planes): two control planes append to one PostgreSQL log at
/// the same time — each with its own log instance, group commit and connection pool — and the hash
/// chain stays one line: sequences 1..N without gap or repeat, each event's prevHash the hash of
/// the one before, whoever wrote it; `cctsa audit verify` says OK.
/// </summary>
public sealed class TwoWriterMartenTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int TasksPerWriter = 16;
    private const int AppendsPerTask = 10;
    private readonly string _schema = "t_" + Guid.NewGuid().ToString("N")[..16];
    private string _cs = "";

    public async Task InitializeAsync() => _cs = await TestServices.PostgresAsync();

    [Fact]
    public async Task Two_control_planes_appending_at_once_keep_one_linear_chain_that_audit_verify_accepts()
    {
        // distinct application names: two connection pools, as two processes would have
        await using var first = await MartenEventLog.OpenAsync(_cs + ";Application Name=cctsa-cp1", _schema);
        await using var second = await MartenEventLog.OpenAsync(_cs + ";Application Name=cctsa-cp2", _schema);
        var writers = await Task.WhenAll(AppendAllAsync(first, 0), AppendAllAsync(second, 1));

        const int total = 2 * TasksPerWriter * AppendsPerTask * 2;
        var sequences = writers.SelectMany(w => w).Select(e => e.Sequence).Order().ToList();
        Assert.Equal(Enumerable.Range(1, total).Select(i => (long)i), sequences);
        Assert.Equal(total / 2, writers[0].Count);
        Assert.Empty(writers[0].Select(e => e.Sequence).Intersect(writers[1].Select(e => e.Sequence)));
        // the writers really interleaved: each one's events are not one block
        Assert.True(Runs(writers[0], writers[1]) > 2, "the two writers did not interleave; the test proved nothing about concurrency");

        await using var reader = await MartenEventLog.OpenAsync(_cs, _schema);
        var stored = new List<EventEnvelope>();
        await foreach (var e in reader.ReadAllAsync()) stored.Add(e);
        Assert.Equal(total, stored.Count);
        for (var i = 1; i < stored.Count; i++)
            Assert.True(stored[i].PrevHash == stored[i - 1].Hash, $"event {stored[i].Sequence} does not chain to {stored[i - 1].Sequence}");
        var verification = await reader.VerifyChainAsync();
        Assert.True(verification.Ok, verification.Reason);

        var cli = new StringWriter();
        var code = await CctsaCli.Build().Parse(["audit", "verify", "--pg", _cs, "--schema", _schema])
            .InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = cli, Error = cli });
        output.WriteLine(cli.ToString());
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("OK", cli.ToString(), StringComparison.Ordinal);
    }

    public async Task DisposeAsync()
    {
        if (_cs.Length == 0) return;
        NpgsqlConnection.ClearAllPools();
        await using var c = new NpgsqlConnection(_cs);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<List<EventEnvelope>> AppendAllAsync(MartenEventLog log, int writer)
    {
        var tasks = Enumerable.Range(0, TasksPerWriter).Select(t => Task.Run(async () =>
        {
            var mine = new List<EventEnvelope>();
            for (var i = 0; i < AppendsPerTask; i++)
            {
                var id = (writer * 100_000) + (t * 1000) + (i * 2);
                mine.AddRange(await log.AppendAsync([SampleEvents.Token(id), SampleEvents.Token(id + 1)]));
            }
            return mine;
        })).ToArray();
        return (await Task.WhenAll(tasks)).SelectMany(x => x).ToList();
    }

    /// <summary>How many alternating blocks the two writers' sequences form (2 = one after the other).</summary>
    private static int Runs(IEnumerable<EventEnvelope> a, IEnumerable<EventEnvelope> b)
    {
        var owner = a.Select(e => (e.Sequence, Writer: 0)).Concat(b.Select(e => (e.Sequence, Writer: 1))).OrderBy(x => x.Sequence).Select(x => x.Writer).ToList();
        return 1 + owner.Zip(owner.Skip(1)).Count(p => p.First != p.Second);
    }
}
