namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// Control plane → the chosen coordinator node: sign these already-validated RFC 3161 requests.
/// The coordinator assigns serials and genTime from its validated clock, builds TSTInfo, runs one
/// FROST round for the whole batch with t−1 peers, aggregates, verifies, and answers with
/// <see cref="TimestampBatchSigned"/> or <see cref="SigningFailed"/>.
/// Avoid: nodes the control plane suspects are gone (they just failed to answer as coordinators
/// or as peers); the coordinator leaves them out of its subsets, so failover costs one timeout
/// per dead node instead of one per batch.
/// Policy: the TSA policy OID every item of the batch is signed under, which fixes the scheme
/// (see CcTsa.Crypto.Pki.TsaPolicies); null means the epoch's installed FROST-Ed25519 policy, as
/// before policies were per request.
/// </summary>
public sealed record SignTimestampBatch(RoundId Batch, KeyEpoch Epoch, IReadOnlyList<TimestampToSign> Items, IReadOnlyList<NodeId>? Avoid = null,
    string? Policy = null);
