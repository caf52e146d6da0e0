using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Audit;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Tests.Projections;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.EventStore;

/// <summary>The contract every IEventLog adapter meets; run once per store by the subclasses.</summary>
public abstract partial class EventLogConformance(ITestOutputHelper output) : IAsyncLifetime
{
    protected ITestOutputHelper Output { get; } = output;

    /// <summary>Opens (or reopens) the store under test.</summary>
    protected abstract Task<IEventLog> OpenAsync();

    /// <summary>Runs SQL against the store as an ordinary client (triggers active).</summary>
    protected abstract Task ExecuteAsync(string sqlForStore);

    protected abstract string UpdateSql { get; }
    protected abstract string DeleteSql { get; }

    /// <summary>Alters the provider of the NodeAttested at <paramref name="sequence"/> behind the triggers' back.</summary>
    protected abstract Task TamperAsync(long sequence);

    /// <summary>Deletes every event after <paramref name="sequence"/>, switching the append-only trigger off first as an attacker with DB access would.</summary>
    protected abstract Task TruncateAfterAsync(long sequence);

    /// <summary>CLI arguments selecting this store.</summary>
    protected abstract string[] StoreArgs { get; }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Append_then_read_returns_the_same_events_in_order()
    {
        await using var log = await OpenAsync();
        var events = SampleEvents.Scenario();
        var envelopes = await log.AppendAsync(events);
        var read = await log.ReadAsync(0, 1000);
        Assert.Equal(events.Count, read.Count);
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(i + 1, read[i].Sequence);
            Assert.Equal(EventCodec.Encode(events[i]).Utf8.ToArray(), EventCodec.Encode(read[i].Data).Utf8.ToArray());
            Assert.Equal(envelopes[i], read[i] with { Data = envelopes[i].Data });
        }
    }

    [Fact]
    public async Task Chain_of_appends_is_gapless_and_verifies()
    {
        await using var log = await OpenAsync();
        var appended = new List<EventEnvelope>();
        for (var i = 1; i <= 5; i++) appended.AddRange(await log.AppendAsync([SampleEvents.Attested(i)]));
        var all = await ToListAsync(log.ReadAllAsync());
        Assert.Equal([1L, 2, 3, 4, 5], all.Select(e => e.Sequence));
        Assert.Equal(appended.Select(e => (e.Sequence, e.Timestamp, e.Hash)), all.Select(e => (e.Sequence, e.Timestamp, e.Hash)));
        Assert.Equal(HashChain.Genesis, all[0].PrevHash);
        for (var i = 1; i < all.Count; i++) Assert.Equal(all[i - 1].Hash, all[i].PrevHash);
        var verified = await log.VerifyChainAsync();
        Output.WriteLine(verified.ToString());
        Assert.Equal(new ChainVerification(true, 5, null, null), verified);
        Assert.Equal(new ChainHead(5, all[^1].Hash), await log.HeadAsync());
    }

    [Fact]
    public async Task Concurrent_appends_from_many_tasks_keep_one_chain()
    {
        await using var log = await OpenAsync();
        var tasks = Enumerable.Range(0, 40).Select(t => Task.Run(async () =>
        {
            var mine = new List<EventEnvelope>();
            for (var i = 0; i < 10; i++) mine.AddRange(await log.AppendAsync([SampleEvents.Token(t * 100 + i), SampleEvents.Token(t * 100 + i + 50)]));
            return mine;
        })).ToArray();
        var returned = (await Task.WhenAll(tasks)).SelectMany(x => x).ToList();
        Assert.Equal(Enumerable.Range(1, 800).Select(i => (long)i), returned.Select(e => e.Sequence).Order());
        var verification = await log.VerifyChainAsync();
        Assert.True(verification.Ok, verification.Reason);
        Assert.Equal(800, verification.Events);
    }

    [Fact]
    public async Task Update_and_delete_of_stored_events_are_refused()
    {
        await using (var log = await OpenAsync()) await log.AppendAsync(SampleEvents.Scenario());
        var update = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(UpdateSql));
        Assert.IsType<AppendOnlyViolationException>(StoreErrors.Translate(update));
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => ExecuteAsync(DeleteSql));
        Assert.IsType<AppendOnlyViolationException>(StoreErrors.Translate(delete));
        await using var reopened = await OpenAsync();
        Assert.True((await reopened.VerifyChainAsync()).Ok);
    }

    [Fact]
    public async Task Reopened_log_continues_the_same_chain()
    {
        await using (var log = await OpenAsync()) await log.AppendAsync([SampleEvents.Attested(1), SampleEvents.Attested(2)]);
        await using (var log = await OpenAsync())
        {
            var more = await log.AppendAsync([SampleEvents.Attested(3)]);
            Assert.Equal(3, more[0].Sequence);
            Assert.Equal(new ChainVerification(true, 3, null, null), await log.VerifyChainAsync());
        }
    }

    [Fact]
    public async Task Read_filters_by_type_node_time_and_pages_with_a_cursor()
    {
        await using var log = await OpenAsync();
        await log.AppendAsync(SampleEvents.Scenario());
        var query = new AuditQuery(log);
        var (attested, _) = await query.EventsAsync(new AuditQueryFilter(Type: "NodeAttested"));
        Assert.Equal(6, attested!.Events.Count);
        Assert.All(attested.Events, e => Assert.IsType<NodeAttested>(e.Data));
        var (n4, _) = await query.EventsAsync(new AuditQueryFilter(Node: SampleEvents.N(4)));
        Assert.All(n4!.Events, e => Assert.Contains(SampleEvents.N(4), EventNodes.Of(e.Data)));
        Assert.Contains(n4.Events, e => e.Type == "node_lost");
        var first = await query.EventsAsync(new AuditQueryFilter(Limit: 10));
        Assert.Equal(10, first.Page!.Next);
        var second = await query.EventsAsync(new AuditQueryFilter(After: first.Page.Next!.Value, Limit: 10));
        Assert.Equal(11, second.Page!.Events[0].Sequence);
        var head = await log.HeadAsync();
        var window = await query.EventsAsync(new AuditQueryFilter(From: DateTimeOffset.UtcNow.AddHours(1)));
        Assert.Empty(window.Page!.Events);
        Assert.Null(window.Page.Next);
        Assert.True(head.Sequence > 20);
        Assert.NotNull((await query.EventsAsync(new AuditQueryFilter(Type: "no_such_event"))).Error);
    }

    [Fact]
    public async Task Tokens_are_found_by_serial_and_by_imprint()
    {
        await using var log = await OpenAsync();
        var tokens = Enumerable.Range(0, 5).Select(i => SampleEvents.Token(i)).ToList();
        await log.AppendAsync(tokens.Cast<object>().ToList());
        // the read model, attached to this store, indexes what it folded and what is appended after
        var live = await LiveProjections.AttachAsync(log);
        var later = SampleEvents.Token(5);
        await log.AppendAsync([later]);
        var bySerial = Assert.Single(live.Current.Tokens.WithSerial(tokens[2].Serial));
        Assert.Equal(ProjectionJson.Of(tokens[2]), ProjectionJson.Of(bySerial.Token));
        Assert.Equal(3, bySerial.Sequence);
        var byImprint = Assert.Single(live.Current.Tokens.WithImprint(tokens[3].ImprintHex.ToUpperInvariant()));
        Assert.Equal(ProjectionJson.Of(tokens[3]), ProjectionJson.Of(byImprint.Token));
        Assert.Equal(ProjectionJson.Of(later), ProjectionJson.Of(Assert.Single(live.Current.Tokens.WithSerial(later.Serial)).Token));
        Assert.Empty(live.Current.Tokens.WithSerial(SerialNumber.ParseHex("abcdef0123")));
    }

    [Fact]
    public async Task Tampered_event_is_reported_by_audit_verify_with_its_sequence()
    {
        await using (var log = await OpenAsync())
            for (var i = 1; i <= 5; i++) await log.AppendAsync([SampleEvents.Attested(i)]);
        await TamperAsync(3);
        var (code, stdout) = await CliAsync(["audit", "verify", .. StoreArgs]);
        Output.WriteLine(stdout);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("first bad sequence 3", stdout, StringComparison.Ordinal);
        await using var reopened = await OpenAsync();
        var v = await new AuditVerifier(reopened).VerifyAsync();
        Assert.Equal((false, 2L, (long?)3), (v.Ok, v.Events, v.FirstBad));
    }

    [Fact]
    public async Task Issue_14_truncated_log_fails_verify_against_heads_recorded_outside_it()
    {
        var anchors = new AnchorJournal(Directory.CreateTempSubdirectory("cctsa-anchors-").FullName);
        ChainHead head;
        await using (var log = await OpenAsync())
        {
            for (var i = 1; i <= 8; i++) await log.AppendAsync([SampleEvents.Attested(i % 5 + 1)]);
            head = await log.HeadAsync();
            await log.AppendAsync([new AuditAnchored(head.Sequence, head.Hash.Hex, SerialNumber.NewRandom(), DateTimeOffset.UtcNow)]);
            anchors.Append(new AnchorRecord(head.Sequence, head.Hash.Hex, DateTimeOffset.UtcNow, AnchorRecord.AnchorKind));
            await log.AppendAsync([SampleEvents.Attested(2), SampleEvents.Attested(3)]);
        }
        await TruncateAfterAsync(4);
        await using (var log = await OpenAsync())
            Assert.True((await log.VerifyChainAsync()).Ok, "the finding: the link walk alone accepts the truncated log");

        var (code, text) = await CliAsync(["audit", "verify", .. StoreArgs, "--anchors", anchors.Path]);
        Output.WriteLine(text);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("first bad sequence 5", text, StringComparison.Ordinal);
        Assert.Contains("records a head at sequence 8", text, StringComparison.Ordinal);
        var (expect, expectText) = await CliAsync(["audit", "verify", .. StoreArgs, "--expect", $"8:{head.Hash.Hex}"]);
        Output.WriteLine(expectText);
        Assert.Equal(ExitCodes.Invalid, expect);
        Assert.Contains("--expect 8 records a head at sequence 8", expectText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cli_verify_query_and_export_work_on_an_intact_log()
    {
        await using (var log = await OpenAsync())
        {
            // the scenario's last event is an anchor with a made-up head: anchor the real one instead
            var scenario = SampleEvents.Scenario();
            await log.AppendAsync(scenario.SkipLast(1).ToList());
            var head = await log.HeadAsync();
            await log.AppendAsync([(AuditAnchored)scenario[^1] with { AnchoredSequence = head.Sequence, ChainHeadHex = head.Hash.Hex }]);
        }
        var (verify, verifyOut) = await CliAsync(["audit", "verify", .. StoreArgs]);
        Assert.Equal(ExitCodes.Ok, verify);
        Assert.Contains("OK", verifyOut, StringComparison.Ordinal);
        var (query, queryOut) = await CliAsync(["audit", "query", .. StoreArgs, "--type", "ClockViolation"]);
        Assert.Equal(ExitCodes.Ok, query);
        Assert.Contains("clock_violation", queryOut, StringComparison.Ordinal);
        var (export, exportOut) = await CliAsync(["audit", "export", .. StoreArgs, "--format", "jsonl"]);
        Assert.Equal(ExitCodes.Ok, export);
        var lines = exportOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SampleEvents.Scenario().Count, lines.Length);
        using var first = System.Text.Json.JsonDocument.Parse(lines[0]);
        Assert.Equal(1, first.RootElement.GetProperty("sequence").GetInt64());
        Assert.Equal("node_started", first.RootElement.GetProperty("type").GetString());
        var (bad, _) = await CliAsync(["audit", "query", .. StoreArgs, "--node", "x9"]);
        Assert.Equal(ExitCodes.Usage, bad);
    }

    [Fact]
    public async Task Live_projections_follow_commits_and_equal_a_full_fold()
    {
        await using var log = await OpenAsync();
        var events = SampleEvents.Scenario();
        await log.AppendAsync(events.Take(10).ToList());
        var live = await LiveProjections.AttachAsync(log);
        await log.AppendAsync(events.Skip(10).ToList());
        var all = await ToListAsync(log.ReadAllAsync());
        var folded = all.Aggregate(ProjectionSet.Empty, (s, e) => s.Apply(e.Sequence, e.Data));
        Assert.Equal(all.Count, live.Current.Sequence);
        Assert.Equal(ProjectionJson.Of(folded), ProjectionJson.Of(live.Current));
    }

    [Fact]
    public async Task Group_commit_batches_many_token_appends()
    {
        await using var log = await OpenAsync();
        const int callers = 200, perCaller = 25;
        var sw = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < perCaller; i++) await log.AppendAsync([SampleEvents.Token(c * perCaller + i)]);
        })));
        sw.Stop();
        var stats = log switch
        {
            CcTsa.ControlPlane.EventStore.Sqlite.SqliteEventLog s => s.Commit,
            CcTsa.ControlPlane.EventStore.Marten.MartenEventLog m => m.Commit,
            _ => throw new InvalidOperationException(),
        };
        // a figure for the report, not an assertion: timing depends on the machine
        Output.WriteLine($"{GetType().Name}: {callers * perCaller} TokenIssued in {sw.ElapsedMilliseconds} ms = {callers * perCaller / sw.Elapsed.TotalSeconds:F0}/s, {stats.Batches} transactions");
        Assert.Equal(callers * perCaller, stats.Events);
        Assert.True(stats.Batches < stats.Events, "concurrent appends must share transactions");
        Assert.True((await log.VerifyChainAsync()).Ok);
    }

    protected static async Task<(int Code, string Output)> CliAsync(string[] args)
    {
        var output = new StringWriter();
        var code = await CctsaCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (code, output.ToString());
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var i in items) list.Add(i);
        return list;
    }
}
