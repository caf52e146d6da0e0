using CcTsa.ControlPlane.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>GET /api/cluster: health state, current epoch, group public key (hex) and every known node.</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cluster");
        group.MapGet("/", Get);
        return group;
    }

    public static Ok<ClusterView> Get(FleetState state, ClusterStateTracker health) => TypedResults.Ok(Build(state, health));

    public static ClusterView Build(FleetState state, ClusterStateTracker health)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(health);
        var book = state.Book;
        var nodes = state.Roster.All
            .OrderBy(v => v.Id.Index)
            .Select(v => new ClusterNodeView(v.Id.Value, v.Provider, v.Online, v.Attested, book.Current > 0 && v.HoldsShareOf(book.Current), v.ClockHealthy, v.Excluded))
            .ToList();
        return new ClusterView(health.Current.ToString(), book.Current, book.GroupPublicKeyHex, nodes);
    }
}
