using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Pki;

/// <summary>A TSA certificate for an epoch and scheme was issued by the CA (fingerprint = SHA-256 of the DER).</summary>
public sealed record CertificateIssued(
    KeyEpoch Epoch,
    string Scheme,
    string SerialHex,
    string SubjectDn,
    string FingerprintSha256Hex,
    string MeasurementHex,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter);
