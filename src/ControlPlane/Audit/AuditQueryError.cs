namespace CcTsa.ControlPlane.Audit;

/// <summary>Why an audit query was refused (shown to the caller as is; never echoes raw input).</summary>
public sealed record AuditQueryError(string Message);
