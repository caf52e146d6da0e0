namespace CcTsa.ControlPlane.Pki;

/// <summary>A refused certificate import: what was wrong, in plain words.</summary>
public sealed record ImportError(ImportFailure Failure, string Message);
