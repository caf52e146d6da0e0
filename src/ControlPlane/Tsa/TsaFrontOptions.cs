namespace CcTsa.ControlPlane.Tsa;

/// <summary>Tuning of the TSA front. Defaults suit the embedded cluster and the distributed one alike.</summary>
public sealed class TsaFrontOptions
{
    /// <summary>Largest accepted request body; bigger ones get HTTP 413 before any parsing (RFC 3161 requests are ~100 bytes).</summary>
    public int MaxRequestBytes { get; set; } = 64 * 1024;

    /// <summary>How long the first request of a micro-batch waits for company before the batch is signed.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// A batch is dispatched at once when it reaches this many requests. At most
    /// <see cref="CcTsa.Contracts.Limits.SigningLimits.MaxBatchItems"/>: signers refuse larger
    /// batches (TooLarge), so <see cref="IssuanceService"/> refuses to start with a larger value.
    /// </summary>
    public int MaxBatchSize { get; set; } = CcTsa.Contracts.Limits.SigningLimits.MaxBatchItems;

    /// <summary>Batches signed concurrently (each is one signing round on the signers).</summary>
    public int MaxConcurrentBatches { get; set; } = 4;
}
