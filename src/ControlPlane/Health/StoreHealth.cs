using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Health;

/// <summary>
/// Whether the event store took the last write: a failed append (disk full, database gone) since
/// the last successful one makes the control plane not ready (<see cref="ReadinessRules"/>), because
/// no token can be returned before its event is durable (invariant 4). Every successful append of
/// this process (the log's Committed feed) clears it; failures are reported by the writers that see
/// them (the issuance journal, state changes).
/// </summary>
public sealed class StoreHealth
{
    private string? _failure;

    public StoreHealth(IEventLog log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.Committed += _ => Volatile.Write(ref _failure, null);
    }

    /// <summary>Why the last write failed, or null when the last write succeeded (or none failed yet).</summary>
    public string? Failure => Volatile.Read(ref _failure);

    public void Failed(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Volatile.Write(ref _failure, $"event store write failed: {error.GetType().Name}: {error.Message}");
    }
}
