using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The pipeline's success: the prepared messages that were signed, one signature each (verified
/// under <see cref="Key"/>'s group key by the aggregation), the signers and the attempt that signed,
/// and the peers that did not answer an earlier attempt or were left out as quiet (<see cref="Silent"/>, reported to the control plane).
/// A signature is null only for an item the scheme rejected in a job that keeps rejected items
/// (<see cref="SigningJob{TPrepared}.KeepRejected"/>); every other job signs every item or fails.
/// </summary>
internal sealed record ThresholdSignatures<TPrepared>(TPrepared Prepared, IReadOnlyList<byte[]?> Signatures, IReadOnlyList<NodeId> Signers, int Attempt,
    SchemeEpoch Key, IReadOnlyList<NodeId> Silent)
    where TPrepared : IPreparedMessages
{
    /// <summary>The signature of item <paramref name="index"/>, which the pipeline signed (not a kept rejected item).</summary>
    public byte[] Of(int index) => Signatures[index]
        ?? throw new InvalidOperationException($"item {index} was rejected by the {Key.Scheme} scheme and is not signed");
}
