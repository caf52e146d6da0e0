using CcTsa.ControlPlane.Health;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks.Leadership;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// Public probes. GET /healthz is liveness: the process is up and serving HTTP (200 {"alive":true}),
/// with which control-plane instance answered and whether it leads (several instances may share one
/// log: "instance", "leader").
/// GET /readyz is readiness, whether a token can be issued now (<see cref="ReadinessRules"/>):
/// 200 {"ready":true}, or 503 with a problem document listing the reasons.
/// </summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (HostSettings settings, ILeadership leadership) =>
            TypedResults.Ok(new { alive = true, instance = settings.InstanceId, leader = leadership.IsLeader }));
        app.MapGet("/readyz", Ready);
        return app;
    }

    public static IResult Ready(Readiness readiness)
    {
        ArgumentNullException.ThrowIfNull(readiness);
        var verdict = readiness.Now();
        if (verdict.Ready) return TypedResults.Ok(new { ready = true });
        return TypedResults.Json(new
        {
            type = "about:blank",
            title = "Not ready to issue time-stamps",
            status = StatusCodes.Status503ServiceUnavailable,
            detail = string.Join("; ", verdict.Reasons),
            ready = false,
            reasons = verdict.Reasons,
        }, statusCode: StatusCodes.Status503ServiceUnavailable, contentType: "application/problem+json");
    }
}
