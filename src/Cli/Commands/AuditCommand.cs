using System.CommandLine;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa audit verify|query|export [--pg CONN | --data DIR]` over the event log. Without --pg the
/// SQLite log in --data (default ./data) is used.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var store = new StoreOptions(
            new Option<string?>("--pg") { Description = "PostgreSQL connection string (distributed mode)", Recursive = true },
            new Option<string?>("--schema") { Description = "PostgreSQL schema of the event store (default cctsa)", Recursive = true },
            new Option<string>("--data") { Description = "Data directory of the embedded store", DefaultValueFactory = _ => EventLogOpener.DefaultDataDirectory, Recursive = true });
        var audit = new Command("audit", "Query, export and verify the hash-chained audit log");
        audit.Options.Add(store.Pg);
        audit.Options.Add(store.Schema);
        audit.Options.Add(store.Data);
        audit.Subcommands.Add(AuditCommandVerify.Create(store));
        audit.Subcommands.Add(AuditCommandQuery.Create(store));
        audit.Subcommands.Add(AuditCommandExport.Create(store));
        return audit;
    }

    internal sealed record StoreOptions(Option<string?> Pg, Option<string?> Schema, Option<string> Data);

    /// <summary>Opens the selected log, runs <paramref name="body"/>, maps store failures to exit codes.</summary>
    internal static async Task<int> WithLogAsync(StoreOptions o, ParseResult r, Func<IEventLog, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        var pg = r.GetValue(o.Pg);
        var data = r.GetValue(o.Data) ?? EventLogOpener.DefaultDataDirectory;
        if (string.IsNullOrWhiteSpace(pg) && !File.Exists(Path.Combine(data, SqliteEventLog.FileName)))
        {
            await error.WriteLineAsync($"No event log in '{data}' (expected {SqliteEventLog.FileName}); use --data DIR or --pg CONN.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            await using var log = await EventLogOpener.OpenAsync(pg, data, r.GetValue(o.Schema), ct).ConfigureAwait(false);
            return await body(log, output, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException or ArgumentException)
        {
            await error.WriteLineAsync("Event store unavailable: " + StoreErrors.Translate(e).Message).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
