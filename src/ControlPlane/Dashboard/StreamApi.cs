using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// GET /api/stream — Server-Sent Events for the dashboard. Each committed audit event is one
/// <c>event: audit</c> frame whose <c>id:</c> is its log sequence and whose data is the
/// /api/events view of it. A client that reconnects with <c>Last-Event-ID: N</c> gets every event
/// after N, in order, then the live ones: the stream reads the log itself by sequence (woken by
/// <see cref="IEventLog.Committed"/>, and once a <see cref="Tick"/> for appends by another
/// control plane), so no event is skipped or sent twice. A first connection (no Last-Event-ID)
/// starts at the head with <c>event: ready</c> carrying that sequence as its id. Every
/// <see cref="Tick"/> an <c>event: dashboard</c> frame without id carries the projections'
/// <see cref="DashboardView"/>. An audit read, as /api/events.
/// </summary>
public static class StreamApi
{
    public static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    public const int PageSize = 500;
    public const int RetryMilliseconds = 2000;

    /// <summary>Each dashboard frame repeats the last seconds of issuance, so a frame that comes late leaves no hole in the plot.</summary>
    public static readonly TimeSpan RecentSeries = TimeSpan.FromSeconds(6);

    public static RouteHandlerBuilder MapStreamApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/stream", StreamAsync).RequireAuditRead();

    public static async Task StreamAsync(HttpContext context, IEventLog log, DashboardViewBuilder views, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostApplicationLifetime lifetime, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(views);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(lifetime);
        ArgumentNullException.ThrowIfNull(time);
        if (!TryLastEventId(context.Request, out var resume, out var problem))
        {
            await TypedResults.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Bad request").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var ct = stop.Token;
        var options = json.Value.SerializerOptions;
        var wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void OnCommitted(IReadOnlyList<EventEnvelope> _) => wake.Writer.TryWrite(true);
        log.Committed += OnCommitted;
        try
        {
            var response = context.Response;
            response.ContentType = "text/event-stream";
            response.Headers.CacheControl = "no-cache";
            // a reverse proxy must pass frames through as they come
            response.Headers["X-Accel-Buffering"] = "no";
            var after = resume ?? (await log.HeadAsync(ct).ConfigureAwait(false)).Sequence;
            await response.WriteAsync(SseFrame.Retry(RetryMilliseconds), ct).ConfigureAwait(false);
            if (resume is null)
                await response.WriteAsync(SseFrame.Format(after, "ready", "{\"head\":" + after.ToString(CultureInfo.InvariantCulture) + "}"), ct).ConfigureAwait(false);
            var nextTick = DateTimeOffset.MinValue;
            while (!ct.IsCancellationRequested)
            {
                var rows = await log.ReadAsync(after, PageSize, null, ct).ConfigureAwait(false);
                foreach (var e in rows)
                {
                    await response.WriteAsync(SseFrame.Format(e.Sequence, "audit", JsonSerializer.Serialize(EventsApi.View(e), options)), ct).ConfigureAwait(false);
                    after = e.Sequence;
                }
                if (rows.Count == PageSize) continue; // more to replay before anything else
                var now = time.GetUtcNow();
                if (now >= nextTick)
                {
                    await response.WriteAsync(SseFrame.Format(null, "dashboard", JsonSerializer.Serialize(views.Build(RecentSeries), options)), ct).ConfigureAwait(false);
                    nextTick = now + Tick;
                }
                await response.Body.FlushAsync(ct).ConfigureAwait(false);
                await WaitAsync(wake.Reader, nextTick - time.GetUtcNow(), ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away or the host stops: the stream simply ends
        }
        finally
        {
            log.Committed -= OnCommitted;
        }
    }

    /// <summary>
    /// The sequence of a Last-Event-ID header (null when absent); false with a sentence when the
    /// header is not a non-negative integer — a resume point the log cannot mean.
    /// </summary>
    public static bool TryLastEventId(HttpRequest request, out long? sequence, out string problem)
    {
        ArgumentNullException.ThrowIfNull(request);
        sequence = null;
        problem = "";
        var values = request.Headers["Last-Event-ID"];
        if (values.Count == 0 || string.IsNullOrWhiteSpace(values[0])) return true;
        var text = values[0]!.Trim();
        if (values.Count > 1 || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            problem = $"Last-Event-ID must be an audit log sequence (an integer ≥ 0), got '{(text.Length <= 24 ? text : text[..24] + "…")}'";
            return false;
        }
        sequence = parsed;
        return true;
    }

    /// <summary>Until an append is signalled or <paramref name="timeout"/> passes (the next dashboard frame is due).</summary>
    private static async Task WaitAsync(ChannelReader<bool> wake, TimeSpan timeout, CancellationToken ct)
    {
        if (wake.TryRead(out _)) return;
        if (timeout <= TimeSpan.Zero) return;
        using var delay = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delay.CancelAfter(timeout);
        try
        {
            // WaitToReadAsync leaves the signal in place when cancelled, so no wake-up is lost
            if (await wake.WaitToReadAsync(delay.Token).ConfigureAwait(false)) wake.TryRead(out _);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // timed out: the next dashboard frame is due
        }
    }
}
