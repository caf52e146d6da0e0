using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Coordinator;

/// <summary>Why a coordinator will not start (or go on) signing a request, before any peer is involved.</summary>
internal sealed record SigningRefusal(SigningFailureReason Reason, string Detail, bool Retryable)
{
    public static SigningRefusal Request(string detail) => new(SigningFailureReason.RequestRefused, detail, false);

    public static SigningRefusal EpochUnavailable(string detail) => new(SigningFailureReason.EpochUnavailable, detail, true);
}
