namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// Result of re-walking the chain: Ok, the number of events checked, the first bad sequence (null
/// when Ok) and why it is bad. Serialized by /api/audit/verify as {"ok","events","firstBad"}.
/// </summary>
public sealed record ChainVerification(bool Ok, long Events, long? FirstBad, string? Reason);
