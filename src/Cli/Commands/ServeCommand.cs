using System.CommandLine;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa serve --pg CONN --amqp URI [--port 8318] [--data ./data] [--measurement HEX]
/// [--min-tcb BL.TEE.SNP.UCODE] [--forbid-smt] [--simulated-root FILE] [--schema NAME] [--faults] [--clock-replace-after SPAN]`: the control
/// plane alone (PostgreSQL event store, RabbitMQ bus); the signers are separate `cctsa-signer`
/// processes. --data holds the CA and certificates, and (unless --operator-token-file /
/// --auditor-token-file name others) the API tokens operator-token and auditor-token. The minimum TCB defaults to the simulated
/// chips' TCB when the simulated root is accepted, and to none otherwise.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var pg = new Option<string>("--pg") { Description = "PostgreSQL connection string", Required = true };
        var amqp = new Option<string>("--amqp") { Description = "RabbitMQ URI, e.g. amqp://guest:guest@127.0.0.1:5672/", Required = true };
        var port = new Option<int>("--port") { Description = "HTTP port", DefaultValueFactory = _ => 8318 };
        var listen = new Option<string>("--listen") { Description = "Bind address", DefaultValueFactory = _ => "127.0.0.1" };
        var data = new Option<string>("--data") { Description = "Directory of the CA, certificates and CRL", DefaultValueFactory = _ => "./data" };
        var measurement = new Option<string?>("--measurement") { Description = "Pinned launch measurement of the signers (96 hex digits); repeatable", AllowMultipleArgumentsPerToken = false, Arity = ArgumentArity.ZeroOrOne };
        var minTcb = new Option<string?>("--min-tcb") { Description = "Lowest platform TCB accepted, BL.TEE.SNP.UCODE (e.g. 3.0.20.209)" };
        var simulated = new Option<string?>("--simulated-root") { Description = "Accept nodes whose reports chain to this simulated AMD root (PEM with its ARK and ASK certificates, e.g. simulated-amd-root.crt; only the certificates are read; dev and drills only)" };
        var faults = new Option<bool>("--faults") { Description = "Map the dev fault-injection API" };
        var forbidSmt = new Option<bool>("--forbid-smt") { Description = "Refuse signers whose SEV-SNP guest policy allows SMT" };
        var schema = new Option<string?>("--schema") { Description = "PostgreSQL schema of the event store (default cctsa)" };
        var operatorToken = new Option<string?>("--operator-token-file") { Description = "File holding the operator's API bearer token (default DATA/operator-token, created 0600 when absent)" };
        var auditorToken = new Option<string?>("--auditor-token-file") { Description = "File holding the auditor's API bearer token (default DATA/auditor-token, created 0600 when absent)" };
        var serve = new Command("serve", "Run the control plane alone over PostgreSQL and RabbitMQ");
        var defaultPolicy = DefaultPolicyOption.Create();
        var alertWebhook = AlertWebhookOption.Create();
        var replaceAfter = ClockReplaceAfterOption.Create();
        var instanceId = new Option<string?>("--instance-id") { Description = "This control plane among several on the same --pg and --amqp (names its own queues; shown by /healthz); default a fresh random id" };
        foreach (var o in new Option[] { pg, amqp, port, listen, data, measurement, minTcb, simulated, faults, forbidSmt, schema, operatorToken, auditorToken, defaultPolicy, alertWebhook, instanceId, replaceAfter }) serve.Options.Add(o);
        serve.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            if (!Uri.TryCreate(r.GetValue(amqp), UriKind.Absolute, out var amqpUri) || amqpUri.Scheme is not ("amqp" or "amqps"))
            {
                await error.WriteLineAsync("--amqp must be an amqp:// or amqps:// URI").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!DefaultPolicyOption.TryResolve(r.GetValue(defaultPolicy), out var tsaPolicy, out var policyError))
            {
                await error.WriteLineAsync(policyError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!AlertWebhookOption.TryResolve(r.GetValue(alertWebhook), out var webhooks, out var webhookError))
            {
                await error.WriteLineAsync(webhookError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!ClockReplaceAfterOption.TryResolve(r.GetValue(replaceAfter), out var clockReplaceAfter, out var replaceError))
            {
                await error.WriteLineAsync(replaceError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var instance = r.GetValue(instanceId) ?? InstanceIds.New();
            if (InstanceIds.Problem(instance) is { } instanceError)
            {
                await error.WriteLineAsync(instanceError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (Contracts.Hosting.TimingEnvironment.FirstError() is { } timing)
            {
                await error.WriteLineAsync(timing).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var policy = new AttestationPolicy { AllowSmt = !r.GetValue(forbidSmt) };
            if (r.GetValue(measurement) is { } hex)
            {
                if (!Measurement.TryParseHex(hex, out var m))
                {
                    await error.WriteLineAsync("--measurement must be 96 hex digits (SHA-384)").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                policy = policy with { AllowedMeasurements = new HashSet<Measurement> { m } };
            }
            var anchors = AmdTrustAnchors.Genuine;
            if (r.GetValue(simulated) is { } rootFile)
            {
                if (!File.Exists(rootFile))
                {
                    await error.WriteLineAsync($"--simulated-root: no such file '{rootFile}'").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                // certificates only: the control plane verifies simulated reports, it must never be able to mint them
                var root = SimulatedAmdRootCertificate.FromPem(await File.ReadAllTextAsync(rootFile, ct).ConfigureAwait(false));
                anchors = root.TrustAnchors;
                policy = policy with { AllowSimulatedRoot = true, MinimumTcb = SimulatedAmdRoot.SimulatedTcb };
            }
            if (r.GetValue(minTcb) is { } tcbText)
            {
                if (!TcbParts.TryParseDotted(tcbText, out var tcb, out var tcbError))
                {
                    await error.WriteLineAsync("--min-tcb: " + tcbError).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                policy = policy with { MinimumTcb = tcb };
            }
            var dataDirectory = r.GetValue(data) ?? "./data";
            if (!TryCredentials(dataDirectory, r.GetValue(operatorToken), r.GetValue(auditorToken), out var credentials, out var lines, out var tokenError))
            {
                await error.WriteLineAsync(tokenError).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            foreach (var line in lines) await r.InvocationConfiguration.Output.WriteLineAsync(line).ConfigureAwait(false);
            var settings = new HostSettings
            {
                Credentials = credentials,
                Port = r.GetValue(port),
                ListenAddress = r.GetValue(listen) ?? "127.0.0.1",
                DataDirectory = dataDirectory,
                PostgresConnection = r.GetValue(pg),
                AmqpUri = amqpUri,
                Faults = r.GetValue(faults),
                DefaultPolicy = tsaPolicy,
                AlertWebhooks = webhooks,
                InstanceId = instance,
            };
            try
            {
                await using var log = await EventLogOpener.OpenAsync(settings.PostgresConnection, null, r.GetValue(schema), ct).ConfigureAwait(false);
                await using var app = ControlPlaneHost.Build(settings, log, new AttestationSettings(new SnpReportVerifier(anchors), policy), ClockReplaceAfterOption.Apply(new FleetOptions().WithEnvironmentTimings(), clockReplaceAfter));
                await ControlPlaneHost.PrepareAsync(app, ct).ConfigureAwait(false);
                // the dev CA exists before any signer asks for a certificate, so signers can pin it
                // (`cctsa-signer --tsa-ca DATA/pki/ca.pem`) instead of trusting the first install
                if (!app.Services.GetRequiredService<CcTsa.ControlPlane.Pki.PkiOptions>().ExternalCa
                    && app.Services.GetRequiredService<CcTsa.ControlPlane.Pki.CaStore>().TryLoadOrCreate(out var devCa, out _))
                    devCa.Dispose();
                await app.RunAsync().ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (LogIdentityMismatchException e)
            {
                await error.WriteLineAsync("cctsa serve refused to start: " + e.Message).ConfigureAwait(false);
                return ExitCodes.WrongDataFolder;
            }
            catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException)
            {
                await error.WriteLineAsync("Event store unavailable: " + StoreErrors.Translate(e).Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return serve;
    }

    /// <summary>
    /// The API tokens: a file given with --operator-token-file/--auditor-token-file must exist and
    /// hold a token (a typo must not silently create a new one); an absent option means the data
    /// folder's file, created 0600 when absent. The lines to print say where they are.
    /// </summary>
    internal static bool TryCredentials(string dataDirectory, string? operatorFile, string? auditorFile,
        out ApiCredentials? credentials, out IReadOnlyList<string> lines, out string error)
    {
        credentials = null;
        lines = [];
        error = "";
        var (defaultOperator, defaultAuditor) = ApiCredentials.DefaultPaths(dataDirectory);
        var printed = new List<string>();
        try
        {
            var op = Token(operatorFile, defaultOperator, "operator", printed);
            var au = Token(auditorFile, defaultAuditor, "auditor", printed);
            credentials = new ApiCredentials(op, au);
            lines = printed;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or ArgumentException)
        {
            error = "API tokens: " + e.Message;
            return false;
        }
    }

    private static string Token(string? given, string fallback, string role, List<string> printed)
    {
        string token;
        string path;
        if (given is not null)
        {
            path = Path.GetFullPath(given);
            if (!File.Exists(path)) throw new InvalidDataException($"--{role}-token-file: no such file '{path}'");
            token = ApiTokenFile.Read(path);
            printed.Add($"{role} token: {path}");
        }
        else
        {
            path = Path.GetFullPath(fallback);
            var created = ApiTokenFile.LoadOrCreate(path, out token);
            printed.Add($"{role} token: {path}{(created ? " (created)" : "")}");
        }
        if (ApiTokenFile.IsExposed(path)) printed.Add($"warning: {path} is readable by other users; chmod 600 it");
        return token;
    }
}
