using System.Text;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.ControlPlane.Hosting;

/// <summary>How a data folder relates to the audit log it is started with.</summary>
public enum LogIdentityStatus
{
    /// <summary>The folder's log-identity is this log's.</summary>
    Bound,
    /// <summary>The folder had none and the log has events: the identity was written now.</summary>
    Adopted,
    /// <summary>The folder has none and the log is empty: written once the log's first event exists.</summary>
    Pending,
    /// <summary>The folder belongs to another log: start-up must stop.</summary>
    Mismatch,
}

/// <summary>The outcome of <see cref="LogIdentity.BindAsync"/>; <paramref name="Message"/> explains a mismatch to the operator.</summary>
public sealed record LogIdentityCheck(LogIdentityStatus Status, string? LogGenesis, string? FolderGenesis, string Message);

/// <summary>
/// Binds a data folder (CA, epoch certificates, CRL) to the audit log it belongs to (issue 14):
/// <c>DATA/log-identity</c> holds the hash of the log's first (genesis) event, written at the first
/// start that sees one. A folder recorded for another log — another PostgreSQL database, or a
/// fresh one — stops start-up with a message naming both, instead of serving the other log's
/// certificates. The genesis hash cannot change without breaking the whole chain, so it identifies
/// the log in either store.
/// </summary>
public static class LogIdentity
{
    public const string FileName = "log-identity";

    public static string PathIn(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), FileName);

    /// <summary>The hash (hex) of the log's first event; null while the log is empty.</summary>
    public static async Task<string?> GenesisAsync(IEventLog log, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(log);
        var first = await log.ReadAsync(0, 1, null, ct).ConfigureAwait(false);
        return first.Count == 0 ? null : first[0].Hash.Hex;
    }

    /// <summary>Compares the folder with the log; writes the identity when the folder has none and the log has a genesis.</summary>
    public static async Task<LogIdentityCheck> BindAsync(IEventLog log, string dataDirectory, CancellationToken ct)
    {
        var genesis = await GenesisAsync(log, ct).ConfigureAwait(false);
        var file = PathIn(dataDirectory);
        var recorded = Read(file);
        if (recorded is null)
        {
            if (genesis is null)
                return new LogIdentityCheck(LogIdentityStatus.Pending, null, null, $"{file} is written once the log has its first event");
            Write(file, genesis);
            return new LogIdentityCheck(LogIdentityStatus.Adopted, genesis, genesis, $"data folder {Path.GetDirectoryName(file)} bound to the log whose first event has hash {genesis}");
        }
        if (string.Equals(recorded, genesis, StringComparison.Ordinal))
            return new LogIdentityCheck(LogIdentityStatus.Bound, genesis, recorded, "");
        var folder = Path.GetDirectoryName(file);
        var thisLog = genesis is null ? "is empty (a new database)" : $"holds the log whose first event has hash {genesis}";
        return new LogIdentityCheck(LogIdentityStatus.Mismatch, genesis, recorded,
            $"The data folder {folder} belongs to the log whose first event has hash {recorded} ({file}), but this event store {thisLog}. " +
            "Its CA and epoch certificates are not this log's. Start with the --data folder kept with this event store (or a new, empty folder), " +
            $"or point the store option (--pg/--schema) at the log of {folder}. Nothing was changed.");
    }

    /// <summary>The genesis hash recorded in <paramref name="file"/>, or null when there is none.</summary>
    public static string? Read(string file)
    {
        if (!File.Exists(file))
            return null;
        var line = File.ReadLines(file).FirstOrDefault(l => l.Length > 0 && !l.StartsWith('#'));
        return line?.Trim();
    }

    private static void Write(string file, string genesis)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".tmp";
        File.WriteAllText(temp, $"# hash of the first event of the audit log this data folder belongs to (cctsa, issue 14)\n{genesis}\n", Encoding.ASCII);
        File.Move(temp, file, overwrite: false);
    }
}
