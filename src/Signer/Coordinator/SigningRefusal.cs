using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Why a coordinator will not start (or go on) signing a request, before any peer is involved.
/// <paramref name="PassRestart"/>: not a failure of the request but the designed way of a caller that
/// signs it in passes (<see cref="HybridSigning"/>: stamps aged past their reuse limit, so the pass
/// starts again with fresh ones) — logged at Debug, not as a failed request.
/// </summary>
internal sealed record SigningRefusal(SigningFailureReason Reason, string Detail, bool Retryable, bool PassRestart = false)
{
    public static SigningRefusal Request(string detail) => new(SigningFailureReason.RequestRefused, detail, false);

    public static SigningRefusal EpochUnavailable(string detail) => new(SigningFailureReason.EpochUnavailable, detail, true);
}
