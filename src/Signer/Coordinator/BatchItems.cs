namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Some items of a prepared batch, in batch order, as one pipeline job signs them: the items a
/// pass of a hybrid batch still has to sign (<see cref="HybridSigning"/>). Signature k of the job
/// belongs to batch item <see cref="Indices"/>[k].
/// </summary>
internal sealed record BatchItems(BatchTokens Batch, IReadOnlyList<int> Indices) : IPreparedMessages
{
    public IReadOnlyList<PreparedMessage> Messages { get; } = [.. Indices.Select(i => Batch.Messages[i])];
}
