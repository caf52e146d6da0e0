namespace CcTsa.Contracts.Messages.Signing;

/// <summary>Why a coordinator answered <see cref="SigningFailed"/>.</summary>
public enum SigningFailureReason
{
    /// <summary>Fewer than t−1 eligible peers besides the coordinator (split-brain rule).</summary>
    BelowQuorum = 1,

    /// <summary>The coordinator's trusted clock is excluded from signing.</summary>
    ClockExcluded = 2,

    /// <summary>The coordinator holds no share, or no installed certificate, for the epoch.</summary>
    EpochUnavailable = 3,

    /// <summary>The request is not signable (empty, unparsable, or a message the purpose refuses).</summary>
    RequestRefused = 4,

    /// <summary>Peers refused, went silent or sent bad shares until no subset or attempt was left.</summary>
    PeersFailed = 5,

    /// <summary>The coordinator could not do its own part of a round (own nonces, own share).</summary>
    CoordinatorFailed = 6,

    /// <summary>
    /// The request has more items than a signer accepts in one round
    /// (<see cref="Limits.SigningLimits.MaxBatchItems"/>); split it. Not retryable as is.
    /// </summary>
    TooLarge = 7,

    /// <summary>
    /// A declared transparency-log tree head the signer will not sign: malformed (size 0, root not
    /// 32 bytes), a request imprint that is not the head's, or a size smaller than a head it already
    /// signed (a rollback). Not retryable as is; the detail names the check.
    /// </summary>
    LogHeadRefused = 8,
}
