using System.CommandLine;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa audit verify|query|export [--pg CONN | --data DIR]` over the event log, and `cctsa audit
/// monitor --url URL --state FILE` over a control plane's transparency log. Without --pg the
/// SQLite log in --data (default ./data) is used; query and export may instead read a running
/// control plane's API (`--url URL [--token-file F]`, the auditor or operator token).
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var store = new StoreOptions(
            new Option<string?>("--pg") { Description = "PostgreSQL connection string (distributed mode)", Recursive = true },
            new Option<string?>("--schema") { Description = "PostgreSQL schema of the event store (default cctsa)", Recursive = true },
            new Option<string>("--data") { Description = "Data directory of the embedded store", DefaultValueFactory = _ => EventLogOpener.DefaultDataDirectory, Recursive = true },
            new Option<string?>("--url") { Description = "query/export: read through a running control plane's /api/events (e.g. http://127.0.0.1:8318) instead of the store", Recursive = true },
            CliToken.FileOption());
        var audit = new Command("audit", "Query, export and verify the hash-chained audit log");
        audit.Options.Add(store.Pg);
        audit.Options.Add(store.Schema);
        audit.Options.Add(store.Data);
        audit.Options.Add(store.Url);
        audit.Options.Add(store.TokenFile);
        audit.Subcommands.Add(AuditCommandVerify.Create(store));
        audit.Subcommands.Add(AuditCommandQuery.Create(store));
        audit.Subcommands.Add(AuditCommandExport.Create(store));
        audit.Subcommands.Add(AuditCommandMonitor.Create(store));
        return audit;
    }

    internal sealed record StoreOptions(Option<string?> Pg, Option<string?> Schema, Option<string> Data, Option<string?> Url, Option<string?> TokenFile);

    /// <summary>The default control plane when --token-file is given without --url.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8318";

    /// <summary>
    /// Opens the selected log — the store (--pg, or SQLite under --data), or with --url/--token-file
    /// a running control plane's API read with the token (--token-file, else DATA/operator-token
    /// when present; none is needed on loopback) — runs <paramref name="body"/>, maps failures to exit codes.
    /// </summary>
    internal static async Task<int> WithLogAsync(StoreOptions o, ParseResult r, Func<IEventLog, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct, bool apiAllowed = true)
    {
        var output = r.InvocationConfiguration.Output;
        var error = r.InvocationConfiguration.Error;
        if (r.GetValue(o.Url) is not null || r.GetValue(o.TokenFile) is not null)
        {
            if (!apiAllowed)
            {
                await error.WriteLineAsync("this verb reads the store itself: use --pg or --data, not --url/--token-file").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            return await WithApiAsync(o, r, body, ct).ConfigureAwait(false);
        }
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

    private static async Task<int> WithApiAsync(StoreOptions o, ParseResult r, Func<IEventLog, TextWriter, CancellationToken, Task<int>> body, CancellationToken ct)
    {
        var error = r.InvocationConfiguration.Error;
        if (!Uri.TryCreate(r.GetValue(o.Url) ?? DefaultUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("http" or "https"))
        {
            await error.WriteLineAsync("--url must be an absolute http(s) URL").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        try
        {
            var token = CliToken.Resolve(r.GetValue(o.TokenFile), r.GetValue(o.Data), required: false);
            var http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
            CliToken.Apply(http, token);
            await using var log = new ApiEventLog(http);
            return await body(log, r.InvocationConfiguration.Output, ct).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync(e.Message).ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"Cannot reach {baseUri}: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
    }
}
