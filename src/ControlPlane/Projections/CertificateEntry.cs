namespace CcTsa.ControlPlane.Projections;

/// <summary>One TSA certificate and, once revoked, why and since when.</summary>
public sealed record CertificateEntry(int Epoch, string Scheme, string SerialHex, string SubjectDn, string FingerprintSha256Hex, DateTimeOffset NotBefore, DateTimeOffset NotAfter)
{
    /// <summary>The signers' launch measurement the certificate binds (hex; empty if none was known).</summary>
    public string MeasurementHex { get; init; } = "";

    /// <summary>
    /// A later certificate of the same epoch and scheme took its place: the ML-DSA-65 certificate
    /// after a refresh re-keyed that key (docs/RUNBOOKS.md "The ML-DSA-65 key").
    /// </summary>
    public bool Replaced { get; init; }

    public bool Revoked { get; init; }
    public string RevocationReason { get; init; } = "";
    public DateTimeOffset? CompromisedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; init; }
}
