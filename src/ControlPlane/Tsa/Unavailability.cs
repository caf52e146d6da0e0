namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Why no token could be signed although the request itself was fine. Each maps to one
/// rejection reply (HTTP 503 with a body, bus TimestampRejected) in <see cref="RejectionRenderer"/>.
/// </summary>
public enum Unavailability
{
    /// <summary>Fewer healthy attested signers than the threshold: failInfo systemFailure.</summary>
    BelowQuorum,
    /// <summary>The signers' clocks are not validated: failInfo timeNotAvailable.</summary>
    ClockUnavailable,
    /// <summary>The serial index refused a repeated serial; the token is withheld (never expected with 128-bit serials).</summary>
    SerialRepeated,
    /// <summary>The audit log could not make the issuance durable, so the token is withheld (invariant 4).</summary>
    AuditLogUnavailable,
    /// <summary>The audit log failed verification at start-up; nothing is issued onto a broken log: failInfo systemFailure.</summary>
    AuditChainBroken,
    /// <summary>
    /// The signing path faulted (a bug, logged with its exception): failInfo systemFailure, so the
    /// client gets a TimeStampResp it can act on (retry) instead of an HTTP 500 without one.
    /// </summary>
    InternalFault,
}
