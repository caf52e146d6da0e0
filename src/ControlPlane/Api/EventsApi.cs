using System.Globalization;
using System.Text.Json;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/events?type=&amp;after=&amp;from=&amp;to=&amp;node=&amp;limit= — the audit log, paged by
/// sequence: "next" is the "after" of the following page (null on the last page).
/// </summary>
public static class EventsApi
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public sealed record EventView(long Sequence, DateTimeOffset Timestamp, string Type, string PrevHash, string Hash, JsonElement Data);

    public sealed record EventPage(IReadOnlyList<EventView> Events, long? Next);

    public static RouteGroupBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/events");
        group.MapGet("/", GetAsync).RequireAuditRead();
        return group;
    }

    public static async Task<Results<Ok<EventPage>, ProblemHttpResult>> GetAsync(
        IEventLog log, HttpContext context, string? type, long? after, string? from, string? to, string? node, int? limit)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(context);
        string? alias = null;
        if (type is not null && !EventCodec.TryResolveAlias(type, out alias))
            return Bad($"unknown event type '{Short(type)}'; known: {string.Join(", ", EventCodec.Aliases.Values.Order(StringComparer.Ordinal))}");
        if (after is < 0) return Bad("after must be ≥ 0");
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return Bad($"limit must be 1..{MaxLimit}");
        if (!TryTime(from, out var fromTime)) return Bad("from is not an RFC 3339 time");
        if (!TryTime(to, out var toTime)) return Bad("to is not an RFC 3339 time");
        NodeId? nodeId = null;
        if (node is not null)
        {
            if (!NodeId.TryParse(node, out var parsed)) return Bad($"node must be n1..n99, got '{Short(node)}'");
            nodeId = parsed;
        }

        var filter = new EventFilter(alias, fromTime, toTime, nodeId);
        var rows = await log.ReadAsync(after ?? 0, size + 1, filter, context.RequestAborted).ConfigureAwait(false);
        var page = rows.Take(size).Select(View).ToList();
        long? next = rows.Count > size ? page[^1].Sequence : null;
        return TypedResults.Ok(new EventPage(page, next));
    }

    public static EventView View(EventEnvelope e)
    {
        ArgumentNullException.ThrowIfNull(e);
        using var doc = JsonDocument.Parse(EventCodec.SerializeValue(e.Data));
        return new EventView(e.Sequence, e.Timestamp, e.Type, e.PrevHash.Hex, e.Hash.Hex, doc.RootElement.Clone());
    }

    private static bool TryTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)) return false;
        value = t;
        return true;
    }

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad query");

    private static string Short(string s) => s.Length <= 32 ? s : s[..32] + "…";
}
