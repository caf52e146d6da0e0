using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Health;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>GET /api/cluster: health state, current epoch, group public keys (hex; the default policy's and one per scheme) and every known node.</summary>
public static class ClusterApi
{
    public static RouteGroupBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/cluster");
        group.MapGet("/", Get);
        return group;
    }

    public static Ok<ClusterView> Get(FleetState state, ClusterStateTracker health, Readiness readiness, TsaPolicySet policies) =>
        TypedResults.Ok(Build(state, health, readiness, policies.Default));

    /// <summary>
    /// The state is decided from the live roster at every read (not the last recorded transition,
    /// which after a restart is the previous run's), and a cluster that cannot issue a token now
    /// (<see cref="Readiness"/>: no certificate, store failing, below t) is never shown as Healthy,
    /// Degraded or Critical: it is Unavailable, or Recovering while a ceremony runs.
    /// </summary>
    public static ClusterView Build(FleetState state, ClusterStateTracker health, Readiness readiness, string? defaultPolicyOid = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(health);
        ArgumentNullException.ThrowIfNull(readiness);
        var epochs = state.Epochs;
        var nodes = state.Roster.All
            .OrderBy(v => v.Id.Index)
            .Select(v => new ClusterNodeView(v.Id.Value, v.Provider, v.Online, v.Attested, epochs.Current > 0 && v.HoldsShareOf(epochs.Current), v.ClockHealthy, v.Excluded) { SecureTsc = v.SecureTsc ?? "unknown" })
            .ToList();
        var live = health.Live();
        if ((live is ClusterState.Healthy or ClusterState.Degraded or ClusterState.Critical) && !readiness.Now().Ready) live = ClusterState.Unavailable;
        // keys by policy name; a scheme no policy names yet keeps its scheme name
        var keys = epochs.KeysOf(epochs.Current).ToDictionary(k => TsaPolicies.ByScheme(k.Key)?.Name ?? k.Key, k => k.Value, StringComparer.Ordinal);
        var defaultPolicy = TsaPolicies.ByOid(defaultPolicyOid) ?? TsaPolicies.Ed25519;
        var publicKey = epochs.Current == 0 ? null
            : defaultPolicy == TsaPolicies.Ed25519 ? epochs.CurrentPublicKeyHex
            : keys.GetValueOrDefault(defaultPolicy.Name);
        return new ClusterView(live.ToString(), epochs.Current, publicKey, nodes) { PublicKeys = keys };
    }
}
