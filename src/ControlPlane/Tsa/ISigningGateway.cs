namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// Port to whatever signs a batch of validated requests: in production a SignTimestampBatch round
/// trip to a coordinator signer node (implemented by the fleet composition). One call per batch;
/// below quorum is an answer (<see cref="SigningOutcome.NotSigned"/>), not an exception.
/// </summary>
public interface ISigningGateway
{
    Task<SigningOutcome> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken);
}
