using System.Net;
using System.Net.Http.Json;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Attestation;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// The start-up check through the real composition (ControlPlaneHost, shared by `up` and `serve`):
/// before issue 14 a host started and served on a truncated log with no warning, incident or metric.
/// </summary>
[Collection(ProcessMetricsCollection.Name)]
public sealed class AuditStartupTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-startup-").FullName;

    [Fact]
    public async Task Issue_14_start_up_on_a_truncated_log_refuses_tokens_opens_an_Emergency_incident_and_sets_the_metric()
    {
        await using (var log = await SqliteEventLog.OpenAsync(_data))
        {
            await AppendAsync(log, 10);
            var head = await log.HeadAsync();
            new AnchorJournal(_data).Append(new AnchorRecord(head.Sequence, head.Hash.Hex, DateTimeOffset.UtcNow, AnchorRecord.StopKind));
        }
        await SqliteTamper.TruncateAfterAsync(_data, 5);

        await using (var log = await SqliteEventLog.OpenAsync(_data))
        await using (var app = await StartAsync(log))
        {
            using var http = Client(app);
            var content = new ByteArrayContent(Requests.Valid());
            content.Headers.ContentType = new(TsaEndpoints.QueryMediaType);
            using var reply = await http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.StatusCode);
            Assert.True(TimeStampResponseReader.TryRead(await reply.Content.ReadAsByteArrayAsync(), out var response, out var error), error);
            Assert.False(response.IsGranted);
            Assert.Equal(PkiFailureInfo.SystemFailure, response.FailInfo);
            Assert.Contains("audit log is broken", response.StatusText, StringComparison.Ordinal);
            Assert.Contains("sequence 10", response.StatusText, StringComparison.Ordinal);

            var incident = app.Services.GetRequiredService<RunbookEngine>().Incidents.OpenOf(IncidentKinds.AuditChainBroken);
            Assert.NotNull(incident);
            Assert.Equal(AlertLevel.Emergency, IncidentKinds.AlertLevelOf(incident.Kind));
            Assert.Contains("truncated", incident.Summary, StringComparison.Ordinal);

            var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            Assert.Contains("cctsa_audit_chain_broken 1", metrics, StringComparison.Ordinal);
            await app.StopAsync();
        }
        Assert.True(AnchorJournal.TryRead(Path.Combine(_data, AnchorJournal.FileName), out var records, out _));
        Assert.Equal(10, Assert.Single(records).Seq); // a broken log's head is never recorded as good
    }

    [Fact]
    public async Task Restart_after_the_operator_fixes_the_cause_clears_the_metric_and_resolves_the_incident()
    {
        await using var log = await SqliteEventLog.OpenAsync(_data);
        await AppendAsync(log, 4);
        // anchors.jsonl left behind by another deployment: its head is not in this log
        var stale = Path.Combine(_data, AnchorJournal.FileName);
        new AnchorJournal(_data).Append(new AnchorRecord(50, new string('e', 64), DateTimeOffset.UtcNow, AnchorRecord.StopKind));
        await using (var app = await StartAsync(log))
        {
            Assert.NotNull(app.Services.GetRequiredService<RunbookEngine>().Incidents.OpenOf(IncidentKinds.AuditChainBroken));
            await app.StopAsync();
        }
        File.Move(stale, stale + ".other-deployment");

        await using (var app = await StartAsync(log))
        {
            using var http = Client(app);
            Assert.Null(app.Services.GetRequiredService<RunbookEngine>().Incidents.OpenOf(IncidentKinds.AuditChainBroken));
            var resolved = Assert.Single(app.Services.GetRequiredService<RunbookEngine>().Incidents.InOrder, i => i.Kind == IncidentKinds.AuditChainBroken);
            Assert.Equal("the audit log verified at start-up", resolved.Resolution);
            Assert.Contains("cctsa_audit_chain_broken 0", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
            Assert.False(app.Services.GetRequiredService<AuditChainStatus>().Broken);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Intact_start_serves_the_head_and_records_a_stop_head_on_graceful_stop()
    {
        await using var log = await SqliteEventLog.OpenAsync(_data);
        await AppendAsync(log, 3);
        await using (var app = await StartAsync(log))
        {
            using var http = Client(app);
            var head = await http.GetFromJsonAsync<AuditApi.HeadView>(new Uri("/api/audit/head", UriKind.Relative));
            Assert.NotNull(head);
            Assert.True(head.Sequence >= 3);
            Assert.Equal((await log.ReadAsync(head.Sequence - 1, 1))[0].Hash.Hex, head.Hash);
            Assert.Null(head.LastAnchor);
            Assert.Contains("cctsa_audit_chain_broken 0", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
            Assert.Null(app.Services.GetRequiredService<RunbookEngine>().Incidents.OpenOf(IncidentKinds.AuditChainBroken));
            await app.StopAsync();
        }
        Assert.True(AnchorJournal.TryRead(Path.Combine(_data, AnchorJournal.FileName), out var records, out _));
        var stop = Assert.Single(records);
        var final = await log.HeadAsync();
        Assert.Equal((final.Sequence, final.Hash.Hex, AnchorRecord.StopKind), (stop.Seq, stop.Hash, stop.Kind));
    }

    [Fact]
    public async Task Issue_21_start_up_on_a_log_edited_below_a_signed_head_refuses_tokens_naming_the_head()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(20);
        var (seq, head) = await a.SignHeadAsync();   // size 20 at 21
        await a.AppendAsync(3);
        File.Delete(a.Journal.Path);                  // nothing outside the log: the head inside it must catch the edit
        await SqliteTamper.RewriteAndRechainAsync(a.Data, 7);

        await using (var app = await StartAsync(a.Log, a.Data))
        {
            var report = app.Services.GetRequiredService<AuditChainGuard>().Last;
            Assert.NotNull(report);
            Assert.False(report.Ok);
            Assert.Equal(head.TreeSize, report.FirstBad);
            Assert.Contains($"log_head_signed at sequence {seq} records root {head.RootHashHex} for tree size 20", report.Reason, StringComparison.Ordinal);
            using var http = Client(app);
            var content = new ByteArrayContent(Requests.Valid());
            content.Headers.ContentType = new(TsaEndpoints.QueryMediaType);
            using var reply = await http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, reply.StatusCode);
            Assert.Contains("cctsa_audit_chain_broken 1", await http.GetStringAsync(new Uri("/metrics", UriKind.Relative)), StringComparison.Ordinal);
            await app.StopAsync();
        }
    }

    private Task<WebApplication> StartAsync(SqliteEventLog log) => StartAsync(log, _data);

    private static async Task<WebApplication> StartAsync(SqliteEventLog log, string data)
    {
        using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 2048);
        var app = ControlPlaneHost.Build(new HostSettings { Port = 0, DataDirectory = data }, log,
            new AttestationSettings(new SnpReportVerifier(root.TrustAnchors), new AttestationPolicy { AllowSimulatedRoot = true }), new FleetOptions());
        await ControlPlaneHost.PrepareAsync(app, CancellationToken.None);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app) =>
        new() { BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };

    private static async Task AppendAsync(SqliteEventLog log, int count)
    {
        for (var i = 0; i < count; i++)
            await log.AppendAsync([new NodeStarted(NodeId.FromIndex(i % 5 + 1), "azure", DateTimeOffset.UtcNow)]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }
}
