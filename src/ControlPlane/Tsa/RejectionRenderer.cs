using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// The one way both fronts (HTTP and bus) turn a refusal into an answer: the rejection for an
/// unavailable signer set, the DER TimeStampResp and the bus message. Encoding itself is
/// <see cref="TimeStampResponseEncoder.EncodeRejection"/>; this adds the TSA-side causes.
/// </summary>
public static class RejectionRenderer
{
    private static readonly TimestampRejection SerialRepeated =
        new(PkiFailureInfo.SystemFailure, "the TSA could not assign a unique serial number; retry");

    private static readonly TimestampRejection AuditLogUnavailable =
        new(PkiFailureInfo.SystemFailure, "the TSA could not record the issuance durably; retry");

    private static readonly TimestampRejection AuditChainBroken =
        new(PkiFailureInfo.SystemFailure, "the TSA's audit log is broken; no token is issued until an operator restores it");

    private static readonly TimestampRejection InternalFault =
        new(PkiFailureInfo.SystemFailure, "the TSA hit an internal fault while signing (logged); retry");

    public static TimestampRejection For(Unavailability why) => why switch
    {
        Unavailability.BelowQuorum => TimestampRejection.BelowQuorum,
        Unavailability.ClockUnavailable => TimestampRejection.ClockUnavailable,
        Unavailability.SerialRepeated => SerialRepeated,
        Unavailability.AuditLogUnavailable => AuditLogUnavailable,
        Unavailability.AuditChainBroken => AuditChainBroken,
        Unavailability.InternalFault => InternalFault,
        _ => throw new ArgumentOutOfRangeException(nameof(why), why, "Unknown unavailability."),
    };

    /// <summary>DER TimeStampResp with status rejection and the single failInfo bit.</summary>
    public static byte[] Render(TimestampRejection rejection) => TimeStampResponseEncoder.EncodeRejection(rejection);

    public static TimestampRejected ToMessage(Guid requestId, TimestampRejection rejection, byte[] response)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        return new TimestampRejected(requestId, (int)rejection.FailInfo, rejection.StatusText, response);
    }
}
