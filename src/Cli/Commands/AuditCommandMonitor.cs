using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa audit monitor --url URL --state FILE [--ca ca.pem]`: the external witness of the
/// transparency log. Fetches the signed head, checks its token (against --ca, else the CA the
/// TSA serves, pinned by fingerprint in the state file on first use), and checks that it extends
/// the head stored in FILE (consistency proof); then stores it. A fork, rollback or truncation
/// prints both heads and exits 1; an unreachable server exits 3; a bad head token exits 1.
/// </summary>
internal static class AuditCommandMonitor
{
    private sealed record State(JsonElement Head, string CaSha256);

    public static Command Create(AuditCommand.StoreOptions store)
    {
        var state = new Option<FileInfo>("--state") { Description = "File keeping the last verified head (created on first run)", Required = true };
        var ca = new Option<FileInfo?>("--ca") { Description = "CA certificate (PEM); default: the TSA's /certs/ca.pem, pinned in the state file" };
        var monitor = new Command("monitor", "Fetch the log's signed head, check its token and that it extends the stored head") { state, ca };
        monitor.SetAction(async (r, ct) =>
        {
            var output = r.InvocationConfiguration.Output;
            var error = r.InvocationConfiguration.Error;
            try
            {
                var token = CliToken.Resolve(r.GetValue(store.TokenFile), r.GetValue(store.Data), required: false);
                using var client = LogClient.Create(r.GetValue(store.Url) ?? AuditCommand.DefaultUrl, token);
                return await RunAsync(client, r.GetValue(state)!, r.GetValue(ca), output, ct).ConfigureAwait(false);
            }
            catch (CliException e)
            {
                await error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return e.ExitCode;
            }
        });
        return monitor;
    }

    private static async Task<int> RunAsync(LogClient client, FileInfo stateFile, FileInfo? caFile, TextWriter output, CancellationToken ct)
    {
        var previous = Load(stateFile);
        var caDer = caFile is not null ? CliFiles.ReadDerOrPem(caFile, Pem.Certificate) : await client.CaCertificateAsync(ct).ConfigureAwait(false);
        var caSha = Convert.ToHexStringLower(SHA256.HashData(caDer));
        if (previous is not null && caFile is null && previous.CaSha256 != caSha)
            throw new CliException(ExitCodes.Invalid, $"the TSA now serves another CA certificate (SHA-256 {caSha}, pinned {previous.CaSha256}); pass --ca to accept a new one");

        var head = await client.HeadAsync(ct).ConfigureAwait(false);
        var verdict = head.Verify(caDer);
        if (!verdict.IsValid)
        {
            await output.WriteLineAsync($"INVALID HEAD: its token does not verify ({verdict.Failure}: {verdict.Reason}); head {head}").ConfigureAwait(false);
            return ExitCodes.Invalid;
        }
        if (previous is not null)
        {
            var stored = SignedHead.Parse(previous.Head);
            var proof = head.TreeSize > stored.TreeSize && stored.TreeSize > 0
                ? await client.ConsistencyAsync(stored.TreeSize, head.TreeSize, ct).ConfigureAwait(false) : [];
            var outcome = HeadComparison.Compare(stored, head, proof);
            if (outcome != HeadVerdict.Consistent)
            {
                var what = outcome == HeadVerdict.Rollback ? "ROLLBACK (the log shrank: history deleted or truncated)" : "FORK (the log does not extend the stored head)";
                await output.WriteLineAsync($"{what}\n  stored:  {stored}\n  fetched: {head}").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }
            await output.WriteLineAsync($"OK: head {head}; extends the stored head of size {stored.TreeSize}").ConfigureAwait(false);
        }
        else
        {
            await output.WriteLineAsync($"OK: first head {head}; stored in {stateFile.FullName}").ConfigureAwait(false);
        }
        Save(stateFile, head, caSha);
        return ExitCodes.Ok;
    }

    private static State? Load(FileInfo file)
    {
        if (!file.Exists) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
            var root = doc.RootElement;
            return new State(root.GetProperty("head").Clone(), root.GetProperty("caSha256").GetString() ?? "");
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new CliException(ExitCodes.Usage, $"--state {file.FullName} is not a monitor state file: {e.Message}");
        }
    }

    private static void Save(FileInfo file, SignedHead head, string caSha)
    {
        var text = $"{{\"head\":{head.ToJson()},\"caSha256\":\"{caSha}\"}}\n";
        var temp = file.FullName + ".tmp";
        File.WriteAllText(temp, text);
        // replace in one step so a crash never leaves a half-written state
        File.Move(temp, file.FullName, overwrite: true);
    }
}
