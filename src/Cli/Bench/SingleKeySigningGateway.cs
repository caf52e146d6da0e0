using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Bench;

/// <summary>
/// The bench baseline's <see cref="ISigningGateway"/>: the control plane's own TSA front, batching
/// and audit journal stay as they are, but each batch is signed in-process with one key
/// (<see cref="SingleKeyTokenSigner"/>) instead of a SignTimestampBatch round to the threshold
/// signers. Registered only by <see cref="BaselineTarget"/>; nothing outside `cctsa bench` uses it.
/// </summary>
public sealed class SingleKeySigningGateway(SingleKeyTokenSigner signer, TimeProvider time) : ISigningGateway
{
    private static readonly NodeId[] Nobody = [];
    private static readonly TimeSpan Accuracy = TimeSpan.FromSeconds(1);

    public Task<Result<SignedBatch, SigningUnavailable>> SignAsync(IReadOnlyList<ValidatedRequest> batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var genTime = time.GetUtcNow();
        var tokens = new List<SignedTimestamp>(batch.Count);
        foreach (var item in batch)
        {
            var request = item.Request;
            var serial = SerialNumber.NewRandom();
            var prepared = TokenBuilder.Prepare(request, new TstInfoFields(serial, genTime, Accuracy), signer.Certificate);
            var response = prepared.Complete(signer.Sign(prepared.SignedAttributesDer.Span), SignatureCheck.VerifiedByCaller);
            tokens.Add(new SignedTimestamp(item.RequestId, response, serial, genTime, request.Policy,
                ImprintAlgorithms.Name(request.Algorithm), request.HashedMessage.ToArray(), Sha256Hash.Of(response)));
        }
        return Task.FromResult<Result<SignedBatch, SigningUnavailable>>(new SignedBatch(new KeyEpoch(1), Nobody, tokens));
    }
}
