namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// Tuning of <see cref="GroupCommit"/>. MaxBatchEvents caps one transaction. Linger is how long the
/// writer waits for more appends once one arrives; zero means "natural" batching: whatever queued
/// while the previous transaction was committing goes into the next one.
/// </summary>
public sealed record GroupCommitOptions(int MaxBatchEvents = 2048, TimeSpan Linger = default)
{
    public static GroupCommitOptions Default { get; } = new();
}
