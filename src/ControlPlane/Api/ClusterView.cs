namespace CcTsa.ControlPlane.Api;

/// <summary>The body of GET /api/cluster, exactly as the issue specifies.</summary>
public sealed record ClusterView(string State, int Epoch, string? PublicKey, IReadOnlyList<ClusterNodeView> Nodes);

/// <summary>One node in <see cref="ClusterView"/>.</summary>
public sealed record ClusterNodeView(string Id, string Provider, bool Online, bool Attested, bool HoldsShare, bool ClockHealthy, bool Excluded);
