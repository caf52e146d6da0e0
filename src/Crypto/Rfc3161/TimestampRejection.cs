namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Why a time-stamp request was refused. <paramref name="StatusText"/> is plain words chosen by us
/// and never echoes request bytes, so it is safe to log and to return to the client.
/// </summary>
public sealed record TimestampRejection(PkiFailureInfo FailInfo, string StatusText)
{
    /// <summary>Rejection for a TSA below its signing quorum (HTTP 503 carries this as body).</summary>
    public static TimestampRejection BelowQuorum { get; } =
        new(PkiFailureInfo.SystemFailure, "fewer signer nodes than the signing threshold are available");

    /// <summary>Rejection for a TSA whose clock is not validated by enough signer nodes.</summary>
    public static TimestampRejection ClockUnavailable { get; } =
        new(PkiFailureInfo.TimeNotAvailable, "the TSA time source is not validated by enough signer nodes");
}
