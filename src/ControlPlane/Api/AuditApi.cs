using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/audit/verify: re-walks the hash chain and checks the signed tree heads (and the anchors
/// of older logs) → {"ok", "events", "firstBad", "reason"}; GET /api/audit/head: the current head and
/// the last signed line of anchors.jsonl in "lastAnchor" (a signed head, kind head; an anchor in older journals), for external
/// monitors that keep their own copy of heads (`cctsa audit verify --expect SEQ:HASH`).
/// </summary>
public static class AuditApi
{
    public sealed record VerifyView(bool Ok, long Events, long? FirstBad, string? Reason);

    public sealed record HeadView(long Sequence, string Hash, AnchorRecord? LastAnchor);

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit");
        group.MapGet("/verify", VerifyAsync).RequireAuditRead();
        group.MapGet("/head", HeadAsync).RequireAuditRead();
        return group;
    }

    public static async Task<Ok<VerifyView>> VerifyAsync(IEventLog log, AnchorJournal journal, HostSettings settings, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        var expected = AnchorJournal.TryRead(journal.Path, out var records, out _)
            ? records.Select((r, i) => ExpectedHead.From(r, i + 1)).ToList() : [];
        var v = await new AuditVerifier(log).VerifyAsync(new AuditVerifyOptions(expected, AnchorTokenCheck.FromDataDirectory(settings.DataDirectory)),
            context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new VerifyView(v.Ok, v.Events, v.FirstBad, v.Reason));
    }

    public static async Task<Ok<HeadView>> HeadAsync(IEventLog log, AnchorJournal journal, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(journal);
        ArgumentNullException.ThrowIfNull(context);
        var head = await log.HeadAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new HeadView(head.Sequence, head.Hash.Hex, journal.LastAnchor));
    }
}
