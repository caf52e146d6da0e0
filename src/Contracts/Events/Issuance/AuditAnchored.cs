using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Issuance;

/// <summary>The chain head at <paramref name="AnchoredSequence"/> was time-stamped by the TSA itself.</summary>
public sealed record AuditAnchored(long AnchoredSequence, string ChainHeadHex, SerialNumber TokenSerial, DateTimeOffset GenTime);
