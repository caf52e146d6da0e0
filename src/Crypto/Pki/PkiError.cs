namespace CcTsa.Crypto.Pki;

/// <summary>Why the CA refused a certificate signing request.</summary>
public sealed record PkiError(PkiFailure Failure, string Message);
