using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>GET /api/audit/verify: re-walks the hash chain → {"ok", "events", "firstBad"}.</summary>
public static class AuditApi
{
    public sealed record VerifyView(bool Ok, long Events, long? FirstBad);

    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit");
        group.MapGet("/verify", VerifyAsync).RequireAuditRead();
        return group;
    }

    public static async Task<Ok<VerifyView>> VerifyAsync(IEventLog log, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(context);
        var v = await log.VerifyChainAsync(context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new VerifyView(v.Ok, v.Events, v.FirstBad));
    }
}
