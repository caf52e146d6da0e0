using CcTsa.Contracts.Events;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Read side of the audit API: paged event queries (tokens by serial or imprint are lookups in the
/// live read model's TokenIndex, see TokensApi). Bad filters are
/// values (<see cref="AuditQueryError"/>), never exceptions.
/// </summary>
public sealed class AuditQuery(IEventLog log)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public async Task<(AuditPage? Page, AuditQueryError? Error)> EventsAsync(AuditQueryFilter q, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Limit is < 1 or > MaxLimit) return (null, new AuditQueryError($"limit must be 1..{MaxLimit}"));
        if (q.After < 0) return (null, new AuditQueryError("after must be ≥ 0"));
        if (q.From is { } f && q.To is { } t && f > t) return (null, new AuditQueryError("from must not be after to"));
        string? alias = null;
        if (q.Type is not null && !EventCodec.TryResolveAlias(q.Type, out alias))
            return (null, new AuditQueryError("unknown event type"));
        var filter = new EventFilter(alias, q.From, q.To, q.Node);
        // one extra row tells whether another page exists
        var rows = await log.ReadAsync(q.After, q.Limit + 1, filter, ct).ConfigureAwait(false);
        var page = rows.Take(q.Limit).ToList();
        return (new AuditPage(page, rows.Count > q.Limit ? page[^1].Sequence : null), null);
    }
}
