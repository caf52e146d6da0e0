using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// Whether a TSA certificate is one the fleet may sign under: EKU critical id-kp-timeStamping
/// only, valid now, and issued (directly or through the given intermediates) by the pinned CA.
/// Signers use it before installing an epoch certificate, because the control plane that sends
/// it is only a relay: without a pinned CA anybody on the bus could name any subject.
/// </summary>
public static class TsaCertificateChain
{
    /// <summary>Null when <paramref name="tsaDer"/> chains to <paramref name="caDer"/> and is valid at <paramref name="at"/>; otherwise why not.</summary>
    public static string? Check(ReadOnlySpan<byte> tsaDer, ReadOnlySpan<byte> caDer, IReadOnlyList<byte[]> intermediates, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(intermediates);
        var outcome = CertificatePathValidator.Validate(tsaDer.ToArray(), intermediates, at, new TokenVerificationOptions(caDer.ToArray()), []);
        return outcome.Failure == VerificationFailure.None ? null : outcome.Reason;
    }
}
