using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Marten;
using CcTsa.ControlPlane.EventStore.Sqlite;

namespace CcTsa.ControlPlane.Audit;

/// <summary>Opens the log the CLI points at: PostgreSQL when a connection string is given, else the SQLite data dir.</summary>
public static class EventLogOpener
{
    public const string DefaultDataDirectory = "./data";

    public static async Task<IEventLog> OpenAsync(string? pg, string? dataDirectory, string? schema = null, CancellationToken ct = default) =>
        !string.IsNullOrWhiteSpace(pg)
            ? await MartenEventLog.OpenAsync(pg, schema ?? MartenSetup.DefaultSchema, ct: ct).ConfigureAwait(false)
            : await SqliteEventLog.OpenAsync(dataDirectory ?? DefaultDataDirectory, ct: ct).ConfigureAwait(false);
}
