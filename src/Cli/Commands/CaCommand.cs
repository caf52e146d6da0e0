using System.CommandLine;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Pki;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa ca csr --out FILE [--data DIR]` exports the CSR of the newest key epoch that waits for an
/// external CA (the control plane writes it, signed by the threshold key, when the epoch starts);
/// `cctsa ca import --cert FILE [--data DIR] [--pg CONN]` checks the CA's answer against that CSR
/// (same key and subject, EKU critical id-kp-timeStamping only, valid now, signed by the supplied
/// chain) and makes it the epoch's certificate, recording CertificateIssued;
/// `cctsa ca init [--data DIR]` creates the development CA under DIR/pki if there is none
/// (idempotent) and prints the path of its ca.pem, so signers can pin it (`--tsa-ca`) before any
/// control plane runs.
/// </summary>
public static class CaCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Data directory (PKI files under DIR/pki)", DefaultValueFactory = _ => EventLogOpener.DefaultDataDirectory, Recursive = true };
        var ca = new Command("ca", "TSA certificates: create the development CA, or export the pending CSR and import an external CA's certificate");
        ca.Options.Add(data);
        ca.Subcommands.Add(Init(data));
        ca.Subcommands.Add(Csr(data));
        ca.Subcommands.Add(Import(data));
        return ca;
    }

    private static Command Init(Option<string> data)
    {
        var init = new Command("init", "Create the development CA under DIR/pki unless it exists; print the path of ca.pem (for cctsa-signer --tsa-ca)");
        init.SetAction(async (r, ct) =>
        {
            var layout = new PkiLayout(r.GetValue(data)!);
            var existed = File.Exists(layout.CaCertificate);
            try
            {
                if (!new CaStore(layout, TimeProvider.System).TryLoadOrCreate(out var ca, out var refused))
                {
                    await r.InvocationConfiguration.Error.WriteLineAsync($"Development CA under {layout.Root} unusable: {refused}").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                ca.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"Cannot create the development CA under {layout.Root}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            if (!existed)
                await r.InvocationConfiguration.Error.WriteLineAsync($"Created the development CA under {layout.Root}").ConfigureAwait(false);
            await r.InvocationConfiguration.Output.WriteLineAsync(layout.CaCertificate).ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return init;
    }

    private static Command Csr(Option<string> data)
    {
        var outFile = new Option<FileInfo>("--out") { Description = "Where to write the CSR (PEM)", Required = true };
        var policyOption = new Option<string?>("--policy") { Description = "Whose key's CSR: ecdsa-p384 (default) or ed25519 (each policy has its own certificate)" };
        var csr = new Command("csr", "Write the pending certificate signing request (PEM) of the newest key epoch");
        csr.Options.Add(outFile);
        csr.Options.Add(policyOption);
        csr.SetAction(async (r, ct) =>
        {
            var layout = new PkiLayout(r.GetValue(data)!);
            if (!DefaultPolicyOption.TryResolve(r.GetValue(policyOption), out var policy, out var policyError))
            {
                await r.InvocationConfiguration.Error.WriteLineAsync(policyError.Replace("--default-policy", "--policy", StringComparison.Ordinal)).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var pending = layout.PendingRequests().Where(p => p.Scheme == policy.Scheme).Select(p => p.Epoch).ToList();
            if (pending.Count == 0)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"No {policy.Name} CSR is waiting under {layout.Epochs}: every key epoch has a certificate (the control plane writes one per new epoch when run with an external CA).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var epoch = pending[^1];
            var target = r.GetValue(outFile)!;
            try
            {
                File.Copy(layout.EpochCsr(epoch, policy.Scheme), target.FullName, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await r.InvocationConfiguration.Error.WriteLineAsync($"Cannot write {target.FullName}: {e.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            await r.InvocationConfiguration.Output.WriteLineAsync($"CSR of epoch {epoch} ({PkiOptions.SubjectFor(new Contracts.Ids.KeyEpoch(epoch), policy)}) written to {target.FullName}").ConfigureAwait(false);
            return ExitCodes.Ok;
        });
        return csr;
    }

    private static Command Import(Option<string> data)
    {
        var cert = new Option<FileInfo>("--cert") { Description = "The issued certificate (PEM), optionally followed by its issuing chain", Required = true };
        var pg = new Option<string?>("--pg") { Description = "PostgreSQL connection string of the event store (distributed mode)" };
        var schema = new Option<string?>("--schema") { Description = "PostgreSQL schema of the event store (default cctsa)" };
        var url = new Option<string?>("--url") { Description = "Import through a running control plane (POST /api/ca/import, operator token) instead of writing the store" };
        var tokenFile = CliToken.FileOption();
        var import = new Command("import", "Install the certificate an external CA issued for the pending CSR");
        import.Options.Add(cert);
        import.Options.Add(pg);
        import.Options.Add(schema);
        import.Options.Add(url);
        import.Options.Add(tokenFile);
        import.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            var file = r.GetValue(cert)!;
            if (!file.Exists)
            {
                await error.WriteLineAsync($"Certificate file not found: {file.FullName}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var directory = r.GetValue(data)!;
            var pem = await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false);
            // through the running control plane: it owns the log, and the operator token authorises the change
            if (r.GetValue(url) is { } baseUrl)
                return await OperatorCall.PostAsync(r, baseUrl, r.GetValue(tokenFile), directory, "/api/ca/import", new { certificatePem = pem }, ct).ConfigureAwait(false);
            try
            {
                await using var log = await EventLogOpener.OpenAsync(r.GetValue(pg), directory, r.GetValue(schema), ct).ConfigureAwait(false);
                var installer = new CertificateInstaller(new PkiLayout(directory), new EventLogCertificateJournal(log), TimeProvider.System, NullLogger<CertificateInstaller>.Instance);
                var result = await installer.ImportAsync(pem, ct).ConfigureAwait(false);
                if (!result.TryGet(out var installed, out var refused))
                {
                    await error.WriteLineAsync($"Refused ({refused.Failure}): {refused.Message}").ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }
                await r.InvocationConfiguration.Output.WriteLineAsync(
                    $"Certificate {Convert.ToHexStringLower(installed.Certificate.SerialNumber.AsSpan())} installed for epoch {installed.Epoch.Number}, valid until {installed.Certificate.NotAfter:u}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            catch (Exception e) when (StoreErrors.Translate(e) is StoreUnavailableException)
            {
                await error.WriteLineAsync("Event store unavailable: " + StoreErrors.Translate(e).Message).ConfigureAwait(false);
                return ExitCodes.Unavailable;
            }
        });
        return import;
    }
}
