using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Issuance;

/// <summary>
/// A transparency-log tree head (the first <paramref name="TreeSize"/> events, Merkle root
/// <paramref name="RootHashHex"/>) was time-stamped by the TSA: <paramref name="TokenBase64"/> is
/// the DER TimeStampToken whose message imprint is SHA-256 of the head message
/// ("cctsa-log-head/v1\n" + size + "\n" + hex root + "\n"). Supersedes AuditAnchored.
/// </summary>
public sealed record LogHeadSigned(
    long TreeSize,
    string RootHashHex,
    DateTimeOffset Timestamp,
    SerialNumber TokenSerial,
    string TokenBase64);
