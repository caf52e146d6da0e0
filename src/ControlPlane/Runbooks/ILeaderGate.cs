namespace CcTsa.ControlPlane.Runbooks;

/// <summary>
/// What the engine asks before acting: "am I (still) the one control plane allowed to act?".
/// Adapted from the store's Leadership (PostgreSQL advisory lock, or a file lock for SQLite).
/// </summary>
public interface ILeaderGate
{
    /// <summary>Acquires leadership if free, keeps it if held; false while another control plane leads.</summary>
    Task<bool> HoldAsync(CancellationToken ct);
}
