using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The pipeline's success: the prepared messages that were signed, one signature each (verified
/// under <see cref="Key"/>'s group key by the aggregation), the signers and the attempt that signed.
/// </summary>
internal sealed record ThresholdSignatures<TPrepared>(TPrepared Prepared, IReadOnlyList<byte[]> Signatures, IReadOnlyList<NodeId> Signers, int Attempt,
    SchemeEpoch Key)
    where TPrepared : IPreparedMessages;
