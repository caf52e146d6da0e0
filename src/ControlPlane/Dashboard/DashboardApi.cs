using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// GET /api/dashboard: <see cref="DashboardView"/> with the last 15 minutes of issuance, what the
/// page draws first; /api/stream then keeps it current. Public, as /api/cluster and /metrics.
/// </summary>
public static class DashboardApi
{
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/dashboard");
        group.MapGet("/", (DashboardViewBuilder views) => Get(views)).AllowPublic();
        return group;
    }

    public static Ok<DashboardView> Get(DashboardViewBuilder views)
    {
        ArgumentNullException.ThrowIfNull(views);
        return TypedResults.Ok(views.Build(IssuanceSeries.Window));
    }
}
