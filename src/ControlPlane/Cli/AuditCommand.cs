using System.CommandLine;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;

namespace CcTsa.ControlPlane.Cli;

/// <summary>
/// `cctsa audit verify|query|export [--pg CONN | --data DIR]` over the event log. Without --pg the
/// SQLite log in --data (default ./data) is used.
/// </summary>
public static class AuditCommand
{
    internal static readonly Option<string?> Pg = new("--pg") { Description = "PostgreSQL connection string (distributed mode)", Recursive = true };
    internal static readonly Option<string?> Schema = new("--schema") { Description = "PostgreSQL schema of the event store (default cctsa)", Recursive = true };
    internal static readonly Option<string> Data = new("--data") { Description = "Data directory of the embedded store", DefaultValueFactory = _ => EventLogOpener.DefaultDataDirectory, Recursive = true };

    public static Command Create()
    {
        var audit = new Command("audit", "Query, export and verify the hash-chained audit log");
        audit.Options.Add(Pg);
        audit.Options.Add(Schema);
        audit.Options.Add(Data);
        audit.Subcommands.Add(AuditCommandVerify.Create());
        audit.Subcommands.Add(AuditCommandQuery.Create());
        audit.Subcommands.Add(AuditCommandExport.Create());
        return audit;
    }

    /// <summary>Opens the selected log, runs <paramref name="body"/>, maps store failures to exit codes.</summary>
    internal static async Task<int> WithLogAsync(ParseResult r, Func<IEventLog, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        var pg = r.GetValue(Pg);
        var data = r.GetValue(Data) ?? EventLogOpener.DefaultDataDirectory;
        if (string.IsNullOrWhiteSpace(pg) && !File.Exists(Path.Combine(data, SqliteEventLog.FileName)))
        {
            await error.WriteLineAsync($"No event log in '{data}' (expected {SqliteEventLog.FileName}); use --data DIR or --pg CONN.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            await using var log = await EventLogOpener.OpenAsync(pg, data, r.GetValue(Schema), ct).ConfigureAwait(false);
            return await body(log, output, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException or ArgumentException)
        {
            await error.WriteLineAsync("Event store unavailable: " + StoreErrors.Translate(e).Message).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
