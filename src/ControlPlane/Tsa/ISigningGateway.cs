using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Port to whatever signs a batch of validated requests: in production a SignTimestampBatch round
/// trip to a coordinator signer node (implemented by the fleet composition). One call per batch,
/// and every request of a batch has the same policy (<see cref="IssuanceService"/> groups them);
/// below quorum is an answer (<see cref="SigningUnavailable"/>), not an exception.
/// </summary>
public interface ISigningGateway
{
    Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken);
}
