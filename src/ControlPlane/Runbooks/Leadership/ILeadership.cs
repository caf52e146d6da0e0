namespace CcTsa.ControlPlane.Runbooks.Leadership;

/// <summary>
/// Who may act: only the holder of the leadership runs runbooks and appends decisions, so two
/// control planes never both act. Acquire is non-blocking; call <see cref="CheckAsync"/>
/// before acting — leadership can be lost (connection gone) without notice.
/// </summary>
public interface ILeadership : IAsyncDisposable
{
    bool IsLeader { get; }

    /// <summary>Tries once to become leader; true when this instance now leads (or already led).</summary>
    Task<bool> TryAcquireAsync(CancellationToken ct = default);

    /// <summary>Confirms leadership is still held; false (and IsLeader false) once it was lost.</summary>
    Task<bool> CheckAsync(CancellationToken ct = default);

    /// <summary>Gives leadership up (no-op when not leader).</summary>
    Task ReleaseAsync();
}
