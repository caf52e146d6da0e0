namespace CcTsa.Scenarios.Harness;

/// <summary>One node of GET /api/cluster.</summary>
public sealed record NodeSnapshot(string Id, string Provider, bool Online, bool Attested, bool HoldsShare, bool ClockHealthy, bool Excluded);
