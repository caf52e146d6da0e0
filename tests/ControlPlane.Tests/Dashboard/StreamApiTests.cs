using System.Globalization;
using System.Net;
using System.Text.Json;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.ControlPlane.Tests.Api;

namespace CcTsa.ControlPlane.Tests.Dashboard;

/// <summary>Issue 18: GET /api/stream delivers every committed audit event exactly once, also across a reconnect with Last-Event-ID.</summary>
public sealed class StreamApiTests
{
    // guards against a hang only: a stream that stalls fails the test instead of blocking the run
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Issue_18_every_event_arrives_exactly_once_across_a_forced_reconnect_with_last_event_id()
    {
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var guard = new CancellationTokenSource(HangGuard);
        var received = new List<long>();

        long head;
        var mine = new List<long>();
        using (var first = await OpenAsync(http, null, guard.Token))
        using (var reader = new SseReader(await first.Content.ReadAsStreamAsync(guard.Token)))
        {
            var ready = await reader.NextAsync(guard.Token);
            Assert.Equal("ready", ready!.Event);
            head = long.Parse(ready.Id!, CultureInfo.InvariantCulture);
            mine.AddRange(await AppendAsync(host, 6));
            // read part of what was appended, then drop the connection mid-stream
            while (received.Count < 3) await ReadAuditAsync(reader, received, guard.Token);
        }
        mine.AddRange(await AppendAsync(host, 6));

        using (var second = await OpenAsync(http, received[^1], guard.Token))
        using (var reader = new SseReader(await second.Content.ReadAsStreamAsync(guard.Token)))
        {
            while (received.Count == 0 || received[^1] < mine[^1]) await ReadAuditAsync(reader, received, guard.Token);
        }

        var logged = (await host.Log.ReadAsync(head, 10_000)).Select(e => e.Sequence).Where(s => s <= received[^1]).ToList();
        Assert.Equal(logged, received);
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Subset(received.ToHashSet(), mine.ToHashSet());
    }

    [Fact]
    public async Task Issue_18_the_stream_carries_the_projections_as_dashboard_frames_without_an_id()
    {
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();
        http.Timeout = Timeout.InfiniteTimeSpan;
        using var guard = new CancellationTokenSource(HangGuard);
        using var response = await OpenAsync(http, null, guard.Token);
        using var reader = new SseReader(await response.Content.ReadAsStreamAsync(guard.Token));

        SseEvent? frame;
        do frame = await reader.NextAsync(guard.Token);
        while (frame is not null && frame.Event != "dashboard");

        Assert.NotNull(frame);
        Assert.Null(frame.Id);
        using var view = JsonDocument.Parse(frame.Data);
        Assert.Equal(1, view.RootElement.GetProperty("epoch").GetInt32());
        Assert.Equal(50, view.RootElement.GetProperty("clockToleranceMicros").GetDouble());
        Assert.Equal(JsonValueKind.String, view.RootElement.GetProperty("alertLevel").ValueKind);
        Assert.Equal("01", view.RootElement.GetProperty("certificates")[0].GetProperty("serial").GetString());
    }

    [Fact]
    public async Task Issue_18_a_last_event_id_that_is_no_sequence_is_a_400_problem_naming_the_header()
    {
        await using var host = await ApiHost.StartAsync();
        using var http = host.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "abc");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Last-Event-ID", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_18_the_stream_is_an_audit_read_refused_without_a_token_off_loopback()
    {
        await using var host = await ApiHost.StartAsync(listen: "0.0.0.0");
        using var anonymous = host.Client();
        using var auditor = host.Client(ApiHost.AuditorToken);
        auditor.Timeout = Timeout.InfiniteTimeSpan;
        using var guard = new CancellationTokenSource(HangGuard);

        using var refused = await anonymous.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead, guard.Token);
        using var granted = await OpenAsync(auditor, null, guard.Token);
        using var reader = new SseReader(await granted.Content.ReadAsStreamAsync(guard.Token));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("ready", (await reader.NextAsync(guard.Token))!.Event);
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient http, long? lastEventId, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stream");
        if (lastEventId is { } id) request.Headers.TryAddWithoutValidation("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        return response;
    }

    /// <summary>Reads frames until one audit event, whose id (the sequence) it adds; dashboard frames pass by.</summary>
    private static async Task ReadAuditAsync(SseReader reader, List<long> received, CancellationToken ct)
    {
        while (true)
        {
            var e = await reader.NextAsync(ct) ?? throw new InvalidOperationException("the stream ended");
            if (e.Event != "audit") continue;
            var sequence = long.Parse(e.Id!, CultureInfo.InvariantCulture);
            using var data = JsonDocument.Parse(e.Data);
            Assert.Equal(sequence, data.RootElement.GetProperty("sequence").GetInt64());
            received.Add(sequence);
            return;
        }
    }

    private static async Task<IReadOnlyList<long>> AppendAsync(ApiHost host, int count)
    {
        var appended = new List<long>();
        for (var i = 0; i < count; i++)
        {
            // one append per event: several commits, as under load
            var e = await host.Log.AppendAsync([new IncidentOpened(IncidentId.New(), "clockDrift", $"stream test {i}", [], DateTimeOffset.UtcNow)]);
            appended.Add(e[0].Sequence);
        }
        return appended;
    }
}
