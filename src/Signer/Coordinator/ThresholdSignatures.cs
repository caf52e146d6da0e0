namespace CcTsa.Signer.Coordinator;

/// <summary>The pipeline's success: the prepared messages that were signed, one verified signature each, and the signers.</summary>
internal sealed record ThresholdSignatures<TPrepared>(TPrepared Prepared, IReadOnlyList<byte[]> Signatures, IReadOnlyList<NodeId> Signers, int Attempt)
    where TPrepared : IPreparedMessages;
