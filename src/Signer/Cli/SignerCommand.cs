using CcTsa.Signer.Coordinator;
using System.CommandLine;
using CcTsa.Contracts.Hosting;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Hosting;
using CcTsa.Signer.Platform;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer.Cli;

/// <summary>
/// `cctsa-signer --id n1 --provider azure --amqp URI [--faults] [--sim-root DIR [--flaw NAME]]
/// [--measurement HEX96] [--min-tcb BL.TEE.SNP.UCODE] [--forbid-smt] [--vcek-dir DIR] [--tsm-root DIR] [--sys-root DIR] [--tsa-ca FILE]`: runs one node on RabbitMQ until SIGTERM/SIGINT (or a kill fault), then
/// wipes its vault. With --sim-root the node uses the simulated SEV-SNP platform and trusts the
/// simulated AMD root stored in DIR (<see cref="SimulatedRootFile"/>, created when absent), and
/// demands its TCB of peers; --flaw launches it with a deliberate attestation flaw
/// (<see cref="LaunchFlawNames"/>), --measurement with another launch measurement (a software
/// update). Without --sim-root: real SEV-SNP (configfs-tsm at --tsm-root, else /dev/sev-guest) and
/// AMD's genuine roots; peers must report --measurement, or this node's own launch measurement
/// (<see cref="GenuineLaunch"/>), and at least --min-tcb; --vcek-dir serves hosts that attach no certificates. --tsa-ca pins the CA
/// (PEM) that must issue every epoch certificate; without it the node pins the CA of the first
/// certificate it accepts (trust on first install, weaker — see docs/SECURITY.md).
/// Exit codes: 0 stopped, 1 could not run (broker, platform), 2 usage.
/// </summary>
public static class SignerCommand
{
    /// <summary>File in the --sim-root directory holding the simulated AMD root (dev only).</summary>
    public const string SimulatedRootFile = "simulated-amd-root.pem";

    public static RootCommand Create()
    {
        var id = new Option<string>("--id") { Description = "Node id, n1..n5", Required = true };
        var provider = new Option<string>("--provider") { Description = "Cloud provider label (placement 2/2/1)", Required = true };
        var amqp = new Option<string>("--amqp") { Description = "RabbitMQ broker, amqp://user:password@host:5672/", Required = true };
        var faults = new Option<bool>("--faults") { Description = "Enable dev/test fault injection (skew, partition, kill)" };
        var forbidSmt = new Option<bool>("--forbid-smt") { Description = "Refuse peers whose SEV-SNP guest policy allows SMT (as `cctsa serve --forbid-smt`)" };
        var simRoot = new Option<DirectoryInfo?>("--sim-root") { Description = "Directory of the simulated AMD root: simulated SEV-SNP (dev only)" };
        var flaw = new Option<string?>("--flaw") { Description = "Simulated attestation flaw: " + LaunchFlawNames.Accepted + " (needs --sim-root)" };
        var measurement = new Option<string?>("--measurement") { Description = "Launch measurement, 96 hex digits: simulated (with --sim-root) or the one pinned for peers on SEV-SNP" };
        var minTcb = new Option<string?>("--min-tcb") { Description = "Lowest TCB accepted in peers' reports on SEV-SNP, BL.TEE.SNP.UCODE" };
        var vcekDir = new Option<DirectoryInfo?>("--vcek-dir") { Description = "VCEKs fetched from AMD's KDS, for hosts that attach no certificates (SEV-SNP)" };
        var tsmRoot = new Option<DirectoryInfo?>("--tsm-root") { Description = "configfs-tsm report directory (default " + ConfigfsTsm.DefaultRoot + ")" };
        var sysRoot = new Option<DirectoryInfo?>("--sys-root") { Description = "Root under which sys/devices/system/clocksource and dev/cpu/0/msr are read for Secure TSC (default /)" };
        var tsaCa = new Option<FileInfo?>("--tsa-ca") { Description = "PEM certificate of the CA that issues the TSA certificates (pinned for the node's lifetime)" };
        var time = new TimeSourceOptions();
        var root = new RootCommand("cctsa-signer — one enclave node of the CC-TSA signing fleet");
        foreach (var o in new Option[] { id, provider, amqp, faults, forbidSmt, simRoot, flaw, measurement, minTcb, vcekDir, tsmRoot, sysRoot, tsaCa }.Concat(time.All)) root.Options.Add(o);
        root.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!NodeId.TryParse(parse.GetValue(id), out var node))
            {
                await error.WriteLineAsync("--id must be a node id such as n1.").ConfigureAwait(false);
                return 2;
            }
            if (CcTsa.Contracts.Hosting.TimingEnvironment.FirstError() is { } timing)
            {
                await error.WriteLineAsync(timing).ConfigureAwait(false);
                return 2;
            }
            var providerName = parse.GetValue(provider)!;
            if (string.IsNullOrWhiteSpace(providerName))
            {
                await error.WriteLineAsync("--provider must not be empty.").ConfigureAwait(false);
                return 2;
            }
            if (!Uri.TryCreate(parse.GetValue(amqp), UriKind.Absolute, out var broker) || broker.Scheme is not ("amqp" or "amqps"))
            {
                await error.WriteLineAsync("--amqp must be an amqp:// or amqps:// URI.").ConfigureAwait(false);
                return 2;
            }
            if (!LaunchFlawNames.TryParse(parse.GetValue(flaw), out var launchFlaw, out var flawError))
            {
                await error.WriteLineAsync("--flaw: " + flawError + ".").ConfigureAwait(false);
                return 2;
            }
            Measurement? launchMeasurement = null;
            if (parse.GetValue(measurement) is { } hex)
            {
                if (!Measurement.TryParseHex(hex, out var m))
                {
                    await error.WriteLineAsync("--measurement must be 96 hex digits (a SHA-384 launch measurement).").ConfigureAwait(false);
                    return 2;
                }
                launchMeasurement = m;
            }
            var dir = parse.GetValue(simRoot);
            if (dir is null && launchFlaw != LaunchFlaw.None)
            {
                await error.WriteLineAsync("--flaw only applies to the simulated platform: add --sim-root DIR.").ConfigureAwait(false);
                return 2;
            }
            TcbParts? peerTcb = null;
            if (parse.GetValue(minTcb) is { } tcbText)
            {
                if (!TcbParts.TryParseDotted(tcbText, out var tcb, out var tcbError))
                {
                    await error.WriteLineAsync("--min-tcb: " + tcbError).ConfigureAwait(false);
                    return 2;
                }
                peerTcb = tcb;
            }
            TsaCaPin? pin = null;
            if (parse.GetValue(tsaCa) is { } caFile
                && (!caFile.Exists || !TsaCaPin.TryFromPem(await File.ReadAllTextAsync(caFile.FullName, cancellationToken).ConfigureAwait(false), out pin)))
            {
                await error.WriteLineAsync("--tsa-ca must name a readable PEM file with a CERTIFICATE block.").ConfigureAwait(false);
                return 2;
            }
            if (time.Read(parse, simulatedPlatform: dir is not null, out var timeError) is not { } timeSource)
            {
                await error.WriteLineAsync(timeError).ConfigureAwait(false);
                return 2;
            }
            try
            {
                var launch = new Launch(dir, launchFlaw, launchMeasurement)
                {
                    Time = timeSource,
                    MinimumTcb = peerTcb,
                    VcekDirectory = parse.GetValue(vcekDir)?.FullName,
                    TsmRoot = parse.GetValue(tsmRoot)?.FullName,
                    SystemRoot = parse.GetValue(sysRoot)?.FullName,
                    ForbidSmt = parse.GetValue(forbidSmt),
                };
                return await RunAsync(node, providerName, broker, parse.GetValue(faults), launch, pin, cancellationToken).ConfigureAwait(false);
            }
            catch (PlatformUnavailableException e)
            {
                await error.WriteLineAsync("The platform cannot attest this node: " + e.Message).ConfigureAwait(false);
                return 1;
            }
            catch (RabbitMqConnectionException e)
            {
                await error.WriteLineAsync("Cannot reach the broker: " + e.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return root;
    }

    /// <summary>How this process's node is launched: simulated (with its root directory, flaw, measurement) or genuine.</summary>
    internal sealed record Launch(DirectoryInfo? SimRoot, LaunchFlaw Flaw = LaunchFlaw.None, Measurement? Measurement = null)
    {
        /// <summary>Where the node's clock is checked (--nts / --simulated-time); null = simulated time on the simulated platform.</summary>
        public TimeLaunch? Time { get; init; }

        public TcbParts? MinimumTcb { get; init; }
        public string? VcekDirectory { get; init; }
        public string? TsmRoot { get; init; }
        public string? SystemRoot { get; init; }
        public bool ForbidSmt { get; init; }
    }

    private static async Task<int> RunAsync(NodeId id, string provider, Uri amqp, bool faults, Launch launch, TsaCaPin? tsaCa, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSignerBus(new BusOptions(amqp) { EndpointPrefix = id.Value }, _ => { });
        using var host = builder.Build();
        var logs = host.Services.GetRequiredService<ILoggerFactory>();
        var (platform, anchors, expected, secureTsc) = launch.SimRoot is null
            ? await GenuineAsync(launch, cancellationToken).ConfigureAwait(false)
            : WithoutSecureTsc(PlatformFor(id, launch));
        var simulated = launch.SimRoot is not null;
        await using var node = new SignerNode(new SignerNodeOptions
        {
            Id = id,
            Provider = provider,
            Platform = platform,
            TrustAnchors = anchors,
            Measurement = expected,
            SecureTsc = secureTsc,
            // the simulated fleet's chips all run the simulated TCB; on real hardware the operator's policy decides
            MinimumTcb = simulated ? SimulatedAmdRoot.SimulatedTcb : launch.MinimumTcb,
            AllowSimulatedRoot = simulated,
            FaultMode = faults,
            ForbidSmt = launch.ForbidSmt,
            TsaCa = tsaCa,
            SimulatedTime = launch.Time?.Simulated ?? simulated,
            Nts = launch.Time?.Servers ?? [],
            NtsTrust = launch.Time?.Trust ?? Clock.Nts.NtsTrust.System,
            LoggerFactory = logs,
        }.WithEnvironmentTimings());
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        node.Killed += lifetime.StopApplication;
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        await node.ConnectAsync(host.Services.GetRequiredService<IBus>(), cancellationToken).ConfigureAwait(false);
        try
        {
            await host.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { }
        await node.StopAsync().ConfigureAwait(false); // wipes the vault before the process ends
        await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        (platform as IDisposable)?.Dispose();
        return 0;
    }

    private static async Task<(IPlatform, AmdTrustAnchors, Measurement?, SecureTsc)> GenuineAsync(Launch launch, CancellationToken cancellationToken)
    {
        var genuine = await GenuineLaunch.StartAsync(launch.TsmRoot, launch.VcekDirectory, launch.Measurement, cancellationToken, launch.SystemRoot).ConfigureAwait(false);
        return (genuine.Platform, AmdTrustAnchors.Genuine, genuine.PeerMeasurement, genuine.SecureTsc);
    }

    // the simulated platform keeps time on the host clock: no Secure TSC to report
    private static (IPlatform, AmdTrustAnchors, Measurement?, SecureTsc) WithoutSecureTsc((IPlatform Platform, AmdTrustAnchors Anchors, Measurement? Expected) simulated) =>
        (simulated.Platform, simulated.Anchors, simulated.Expected, SecureTsc.Off);

    /// <summary>
    /// The simulated platform with the dev root from --sim-root (and the launch's flaw and
    /// measurement), or real SEV-SNP with AMD's roots; plus the measurement the node demands of
    /// peers (null = this build's).
    /// </summary>
    internal static (IPlatform Platform, AmdTrustAnchors Anchors, Measurement? Expected) PlatformFor(NodeId id, Launch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.SimRoot is null)
            throw new PlatformUnavailableException("Real SEV-SNP is started by GenuineLaunch (it reads the node's own measurement first); no --sim-root was given.");
        using var root = LoadOrCreateRoot(launch.SimRoot);
        var simulated = SimulatedLaunch.Create(root, id, launch.Flaw, launch.Measurement);
        return (simulated.Platform, root.TrustAnchors, simulated.ExpectedMeasurement);
    }

    /// <summary>
    /// Reads DIR/simulated-amd-root.pem; the first process to find none creates it (atomically, so
    /// racing nodes agree, owner-only: its keys mint simulated reports). Beside it goes
    /// DIR/simulated-amd-root.crt, the certificates only, which is what `cctsa serve --simulated-root` needs.
    /// </summary>
    internal static SimulatedAmdRoot LoadOrCreateRoot(DirectoryInfo directory)
    {
        directory.Create();
        var path = Path.Combine(directory.FullName, SimulatedRootFile);
        if (!File.Exists(path))
        {
            using var fresh = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1));
            WriteOnce(path, fresh.ToPemBundle());
        }
        var root = SimulatedAmdRoot.FromPemBundle(File.ReadAllText(path));
        var certificate = Path.ChangeExtension(path, ".crt");
        if (!File.Exists(certificate)) WriteOnce(certificate, root.Certificate.ToPem());
        return root;
    }

    /// <summary>Writes a file under a temporary name and moves it in place unless another process already did.</summary>
    private static void WriteOnce(string path, string text)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temp, options)) writer.Write(text);
        try { File.Move(temp, path, overwrite: false); }
        catch (IOException) when (File.Exists(path)) { File.Delete(temp); } // another node won the race
    }
}
