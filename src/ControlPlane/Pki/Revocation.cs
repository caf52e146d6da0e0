using System.Numerics;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Pki;

/// <summary>One entry of the CA's CRL: which certificate, when, why, and since when its key is suspect.</summary>
public sealed record Revocation(BigInteger Serial, DateTimeOffset RevokedAt, CrlRevocationReason Reason, DateTimeOffset? CompromisedAt);
