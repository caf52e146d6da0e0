namespace CcTsa.ControlPlane.Fleet;

/// <summary>How a ceremony ended: the agreed group key (hex) on success, or the abort reason.</summary>
public sealed record CeremonyOutcome(bool Ok, string? GroupPublicKeyHex, string Reason);
