using System.CommandLine;
using CcTsa.ControlPlane.Audit;

namespace CcTsa.Cli.Commands;

/// <summary>`cctsa audit export --format jsonl [--out file]`: one JSON line per envelope, data as exact codec bytes.</summary>
internal static class AuditCommandExport
{
    public static Command Create(AuditCommand.StoreOptions store)
    {
        var format = new Option<string>("--format") { Description = "Output format (jsonl)", DefaultValueFactory = _ => "jsonl" };
        var outFile = new Option<string?>("--out") { Description = "Write to this file instead of standard output" };
        var export = new Command("export", "Export the whole log") { format, outFile };
        export.SetAction(async (r, ct) =>
        {
            if (!string.Equals(r.GetValue(format), "jsonl", StringComparison.Ordinal))
            {
                await r.InvocationConfiguration.Error.WriteLineAsync("--format must be jsonl").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            return await AuditCommand.WithLogAsync(store, r, async (log, output, token) =>
            {
                var path = r.GetValue(outFile);
                var writer = path is null ? output : new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false));
                try
                {
                    await foreach (var e in log.ReadAllAsync(0, token).ConfigureAwait(false))
                        await writer.WriteLineAsync(System.Text.Encoding.UTF8.GetString(EnvelopeJson.ToUtf8(e))).ConfigureAwait(false);
                    await writer.FlushAsync(token).ConfigureAwait(false);
                }
                finally
                {
                    if (path is not null) await writer.DisposeAsync().ConfigureAwait(false);
                }
                return ExitCodes.Ok;
            }, ct).ConfigureAwait(false);
        });
        return export;
    }
}
