using System.Text.Json.Serialization;
using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Issuance;

/// <summary>
/// The chain head at <paramref name="AnchoredSequence"/> was time-stamped by the TSA itself.
/// <paramref name="TokenBase64"/> is the anchor's DER TimeStampResp, so an auditor can check its
/// signature and imprint offline; absent in anchors written before it existed (not written when
/// null, so an old event re-encodes to exactly its stored, hashed bytes).
/// </summary>
public sealed record AuditAnchored(
    long AnchoredSequence,
    string ChainHeadHex,
    SerialNumber TokenSerial,
    DateTimeOffset GenTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TokenBase64 = null);
