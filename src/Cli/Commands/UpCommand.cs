using System.CommandLine;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Signer.Clock.Nts;
using CcTsa.ControlPlane.Hosting;
using Spectre.Console;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa up [--port 8318] [--data ./data] [--faults] [--alert-webhook URL]... [--nts H[:P]... [--nts-ca CERT]] [--clock-replace-after SPAN]`:
/// the embedded default in one process —
/// SQLite log, in-memory bus, five in-process signers, built-in CA — which runs the first DKG and
/// certificate by itself (or the quorum-loss path on a restart) and serves /tsa, with progress.
/// The API tokens are DATA/operator-token and DATA/auditor-token (created 0600 when absent).
/// </summary>
public static class UpCommand
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = "HTTP port on 127.0.0.1", DefaultValueFactory = _ => 8318 };
        var data = new Option<string>("--data") { Description = "Data directory (audit log, CA, certificates)", DefaultValueFactory = _ => "./data" };
        var faults = new Option<bool>("--faults") { Description = "Map the dev fault-injection API /api/faults (never in production)" };
        var defaultPolicy = DefaultPolicyOption.Create();
        var alertWebhook = AlertWebhookOption.Create();
        var replaceAfter = ClockReplaceAfterOption.Create();
        var nts = new Option<string[]>("--nts") { Description = "Check the embedded signers' clocks against this NTS-KE server host[:port] (repeatable; 'default' names the documented public list) instead of the simulated NTS servers" };
        var ntsCa = new Option<FileInfo[]>("--nts-ca") { Description = "Trusted root(s) of the NTS servers' certificates (PEM/DER); the system store when omitted" };
        var up = new Command("up", "Run the whole TSA in one process: control plane + five simulated SEV-SNP signers");
        up.Options.Add(port);
        up.Options.Add(data);
        up.Options.Add(faults);
        up.Options.Add(defaultPolicy);
        up.Options.Add(alertWebhook);
        up.Options.Add(replaceAfter);
        up.Options.Add(nts);
        up.Options.Add(ntsCa);
        up.SetAction(async (r, ct) =>
        {
            if (!DefaultPolicyOption.TryResolve(r.GetValue(defaultPolicy), out var policy, out var policyError))
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(policyError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!AlertWebhookOption.TryResolve(r.GetValue(alertWebhook), out var webhooks, out var webhookError))
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(webhookError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!ClockReplaceAfterOption.TryResolve(r.GetValue(replaceAfter), out var clockReplaceAfter, out var replaceError))
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(replaceError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            EmbeddedOptions embedded;
            try
            {
                var servers = PublicNtsServers.Expand(r.GetValue(nts) ?? []);
                var files = r.GetValue(ntsCa) ?? [];
                if (files.Length > 0 && servers.Count == 0) throw new ArgumentException("--nts-ca needs --nts host[:port].");
                var trust = files.Length > 0 ? NtsTrust.FromFiles(files.Select(f => f.FullName)) : NtsTrust.System;
                embedded = new EmbeddedOptions { Nts = servers, NtsTrust = trust, ClockDriftReplaceAfter = clockReplaceAfter };
            }
            catch (Exception e) when (e is FormatException or IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync((e is FormatException ? "--nts: " : "--nts-ca: ") + e.Message).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            return await RunAsync(new HostSettings
            {
                Port = r.GetValue(port),
                DataDirectory = r.GetValue(data) ?? "./data",
                Faults = r.GetValue(faults),
                Embedded = true,
                QuietConsole = true,
                DefaultPolicy = policy,
                AlertWebhooks = webhooks,
            }, r.InvocationConfiguration.Error, ct, embedded).ConfigureAwait(false);
        });
        return up;
    }

    public static async Task<int> RunAsync(HostSettings settings, TextWriter error, CancellationToken ct, EmbeddedOptions? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(error);
        if (settings.Port is < 1 or > 65535)
        {
            await error.WriteLineAsync("--port must be 1..65535").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        if (Contracts.Hosting.TimingEnvironment.FirstError() is { } timing)
        {
            await error.WriteLineAsync(timing).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        ApiTokenPaths tokens;
        try
        {
            // the API's bearer tokens: DATA/operator-token and DATA/auditor-token (0600), reused when present
            var (op, au) = ApiCredentials.DefaultPaths(settings.DataDirectory);
            var (credentials, paths) = ApiCredentials.LoadOrCreate(op, au);
            settings = settings with { Credentials = settings.Credentials ?? credentials };
            tokens = paths;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await error.WriteLineAsync("cctsa up: API tokens unusable: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        EmbeddedHost? host = null;
        try
        {
            await new StartupDisplay(Console.Out, settings.Port).RunAsync(async done =>
            {
                host = await EmbeddedHost.StartAsync(settings, done, ct, embedded).ConfigureAwait(false);
                await host.WaitUntilServingAsync(StartTimeout, done, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
            if (host!.Services.GetRequiredService<CcTsa.ControlPlane.Audit.AuditChainGuard>().Last is { Ok: false } chain)
                AnsiConsole.MarkupLine($"[red]Audit log BROKEN[/] at sequence {chain.FirstBad}: {Markup.Escape(chain.Reason ?? "")}. /tsa refuses to issue (503) until the log is restored: see docs/RUNBOOKS.md §12, `cctsa audit verify`.");
            AnsiConsole.MarkupLine($"[green]Ready.[/] POST application/timestamp-query to [bold]http://127.0.0.1:{settings.Port}/tsa[/]; cluster: /api/cluster; CA: /certs/ca.pem. Ctrl+C stops.");
            foreach (var line in tokens.Describe()) AnsiConsole.WriteLine(line);
            await host!.App.WaitForShutdownAsync(ct).ConfigureAwait(false);
            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return ExitCodes.Ok;
        }
        catch (LogIdentityMismatchException e)
        {
            await error.WriteLineAsync("cctsa up refused to start: " + e.Message).ConfigureAwait(false);
            return ExitCodes.WrongDataFolder;
        }
        catch (Exception e) when (e is TimeoutException or IOException || StoreErrors.Translate(e) is StoreUnavailableException)
        {
            await error.WriteLineAsync("cctsa up failed: " + e.Message).ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }
        finally
        {
            if (host is not null) await host.DisposeAsync().ConfigureAwait(false);
        }
    }
}
