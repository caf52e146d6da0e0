using CcTsa.ControlPlane.Runbooks;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// Leadership for the embedded mode: an exclusive lock on data/leader.lock, held for the life of the
/// process, so two control planes on the same data directory never both run runbooks.
/// </summary>
public sealed class DataDirectoryLeaderGate(string dataDirectory) : ILeaderGate, IDisposable
{
    private FileStream? _lock;

    public Task<bool> HoldAsync(CancellationToken ct)
    {
        if (_lock is not null) return Task.FromResult(true);
        try
        {
            Directory.CreateDirectory(dataDirectory);
            _lock = new FileStream(Path.Combine(dataDirectory, "leader.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            return Task.FromResult(true);
        }
        catch (IOException)
        {
            return Task.FromResult(false);
        }
    }

    public void Dispose() => _lock?.Dispose();
}
