using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Pki;

/// <summary>A TSA certificate was revoked (CRL reason, e.g. keyCompromise with its compromise time).</summary>
public sealed record CertificateRevoked(KeyEpoch Epoch, string SerialHex, string Reason, DateTimeOffset? CompromisedAt, DateTimeOffset At);
