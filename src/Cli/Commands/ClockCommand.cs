using System.CommandLine;
using System.Globalization;
using CcTsa.Crypto.Nts;
using CcTsa.Signer.Clock.Nts;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa clock check --nts host[:port] [--nts host[:port] …] [--nts-ca CERT …] [--timeout MS]`:
/// asks each NTS server (RFC 8915) for the time, prints this machine's offset and uncertainty
/// against each, then the Marzullo selection. Exit 0 when every server answered and a majority
/// agrees; 1 when a server was refused (certificate, authentication, kiss-o'-death) or no majority;
/// 3 when a server could not be reached; 2 for bad usage.
/// </summary>
public static class ClockCommand
{
    public static Command Create()
    {
        var command = new Command("clock", "Trusted time");
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateCheck()
    {
        var nts = new Option<string[]>("--nts") { Description = "NTS-KE server host[:port] (port 4460 by default); repeat for several; 'default' names the documented public list", Required = true };
        var ca = new Option<FileInfo[]>("--nts-ca") { Description = "Trusted root(s) for the servers' certificates (PEM/DER); the system store when omitted" };
        var timeout = new Option<int>("--timeout") { Description = "Milliseconds allowed per server for NTS-KE and for the NTP exchange", DefaultValueFactory = _ => 2000 };
        var check = new Command("check", "Query NTS servers; print offset and uncertainty of this machine's clock and the selection");
        foreach (var o in new Option[] { nts, ca, timeout }) check.Options.Add(o);
        check.SetAction(async (parse, ct) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            NtsServerEndpoint[] servers;
            NtsTrust trust;
            try
            {
                servers = [.. PublicNtsServers.Expand(parse.GetValue(nts)!)];
                trust = parse.GetValue(ca) is { Length: > 0 } files ? NtsTrust.FromFiles(files.Select(f => f.FullName)) : NtsTrust.System;
            }
            catch (Exception e) when (e is FormatException or IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                await error.WriteLineAsync("cctsa clock check: " + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (parse.GetValue(timeout) is var ms && ms <= 0)
            {
                await error.WriteLineAsync("cctsa clock check: --timeout must be a positive number of milliseconds.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            using var set = new NtsServerSet(servers, trust, () => DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(ms));
            var round = await set.QueryAsync(ct).ConfigureAwait(false);
            var exit = ExitCodes.Ok;
            foreach (var answer in round.Answers)
            {
                if (answer.TryGet(out var sample, out var refused))
                {
                    await output.WriteLineAsync($"{sample.Server}  offset {Ms(sample.Offset)}  uncertainty {Span(sample.Uncertainty)}  (server ahead of this clock when positive)").ConfigureAwait(false);
                    continue;
                }
                await output.WriteLineAsync($"{refused.Server}  FAILED {refused.Failure}: {refused.Detail}").ConfigureAwait(false);
                var code = refused.Failure is NtsFailure.KeConnectionFailed or NtsFailure.NtpTimeout ? ExitCodes.Unavailable : ExitCodes.Invalid;
                if (exit != ExitCodes.Invalid) exit = code;
            }
            var s = round.Selection;
            if (s.HasMajority)
            {
                await output.WriteLineAsync($"selection: offset {Ms(s.Offset)}  accuracy {Span(s.Accuracy)}  truechimers {string.Join(", ", s.Truechimers)}"
                    + (s.Falsetickers.Count > 0 ? $"  falsetickers {string.Join(", ", s.Falsetickers)}" : "")).ConfigureAwait(false);
            }
            else
            {
                await output.WriteLineAsync($"selection: no majority of the {servers.Length} server(s) agrees").ConfigureAwait(false);
                if (exit == ExitCodes.Ok) exit = ExitCodes.Invalid;
            }
            return exit;
        });
        return check;
    }

    private static string Span(TimeSpan t) => t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    private static string Ms(TimeSpan t) => (t.TotalMilliseconds >= 0 ? "+" : "") + t.TotalMilliseconds.ToString("0.000", CultureInfo.InvariantCulture) + " ms";
}
