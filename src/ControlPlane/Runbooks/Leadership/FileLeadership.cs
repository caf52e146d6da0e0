namespace CcTsa.ControlPlane.Runbooks.Leadership;

/// <summary>
/// Leadership for the embedded (SQLite) mode: an exclusive lock on leader.lock in the data
/// directory, held open while leading. The OS drops it when the process exits.
/// </summary>
public sealed class FileLeadership(string dataDirectory) : ILeadership
{
    public const string FileName = "leader.lock";

    private readonly Lock _gate = new();
    private FileStream? _held;

    public bool IsLeader => _held is not null;

    public Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_held is not null) return Task.FromResult(true);
            Directory.CreateDirectory(dataDirectory);
            try
            {
                _held = new FileStream(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return Task.FromResult(true);
            }
            catch (IOException)
            {
                return Task.FromResult(false); // another process (or instance) leads
            }
        }
    }

    public Task<bool> CheckAsync(CancellationToken ct = default) => Task.FromResult(IsLeader);

    public Task ReleaseAsync()
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await ReleaseAsync().ConfigureAwait(false);
}
