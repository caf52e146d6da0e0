using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Contracts.Limits;

/// <summary>
/// Bounds every signer enforces on what a coordinator or the control plane may ask of it in one
/// message. They live in Contracts because both sides need them: the control plane's batcher never
/// builds a larger batch, and a signer refuses a larger one (it cannot trust the sender to comply).
/// </summary>
public static class SigningLimits
{
    /// <summary>
    /// Most items in one <see cref="SignTimestampBatch"/> or <see cref="ProduceSignatureShares"/>.
    /// Each item costs a participant one pooled nonce, a purpose check and a FROST share, so an
    /// unbounded list would let one message pin a node's CPU and drain its nonce pool.
    /// </summary>
    public const int MaxBatchItems = 256;
}
