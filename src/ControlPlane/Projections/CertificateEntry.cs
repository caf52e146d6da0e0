namespace CcTsa.ControlPlane.Projections;

/// <summary>One TSA certificate and, once revoked, why and since when.</summary>
public sealed record CertificateEntry(int Epoch, string Scheme, string SerialHex, string SubjectDn, string FingerprintSha256Hex, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>The signers' launch measurement the certificate binds (hex; empty if none was known).</summary>
    public string MeasurementHex { get; init; } = "";

    public bool Revoked { get; init; }
    public string RevocationReason { get; init; } = "";
    public DateTimeOffset? CompromisedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
