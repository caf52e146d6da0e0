namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// How a ceremony ended: the agreed group key (hex) on success, or the abort reason; for a refresh
/// that re-keyed the epoch's threshold ML-DSA-65 key, the new key (hex).
/// </summary>
public sealed record CeremonyOutcome(bool Ok, string? GroupPublicKeyHex, string Reason, string? NewMlDsaKeyHex = null);
