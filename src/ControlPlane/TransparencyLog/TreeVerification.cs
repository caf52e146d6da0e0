namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>Outcome of <see cref="LogTreeVerifier"/>: leaves recomputed, signed heads matched, first problem found.</summary>
public sealed record TreeVerification(bool Ok, long Leaves, int HeadsChecked, string? Problem);
