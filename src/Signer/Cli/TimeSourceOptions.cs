using System.CommandLine;
using CcTsa.Signer.Clock.Nts;

namespace CcTsa.Signer.Cli;

/// <summary>
/// `--nts host[:port]` (repeatable), `--nts-ca CERT` (repeatable), `--simulated-time`: where a
/// signer's trusted time is checked. One source is required; simulated time is refused on the
/// genuine platform, since its servers read the very clock they would be checking.
/// </summary>
internal sealed class TimeSourceOptions
{
    public Option<string[]> Nts { get; } = new("--nts") { Description = "NTS-KE server host[:port] (RFC 8915; port 4460 by default); repeat for several (3 or more for a majority); 'default' names the documented public list" };

    public Option<FileInfo[]> NtsCa { get; } = new("--nts-ca") { Description = "Trusted root(s) of the NTS servers' certificates (PEM/DER); the system store when omitted" };

    public Option<bool> SimulatedTime { get; } = new("--simulated-time") { Description = "Check the clock against simulated NTS servers (dev only; needs --sim-root)" };

    public IEnumerable<Option> All => [Nts, NtsCa, SimulatedTime];

    /// <summary>The chosen source, or the usage error that names the culprit.</summary>
    public TimeLaunch? Read(ParseResult parse, bool simulatedPlatform, out string? error)
    {
        error = null;
        var servers = parse.GetValue(Nts) ?? [];
        var simulated = parse.GetValue(SimulatedTime);
        if (simulated && servers.Length > 0) { error = "--simulated-time and --nts exclude each other: pick one time source."; return null; }
        if (simulated && !simulatedPlatform) { error = "--simulated-time only applies to the simulated platform (--sim-root): on real hardware pass --nts host[:port]."; return null; }
        if (!simulated && servers.Length == 0) { error = "No trusted time source: pass --nts host[:port] (repeatable, with --nts-ca CERT for a private CA) or, on the simulated platform, --simulated-time."; return null; }
        if (simulated) return new TimeLaunch(true, [], NtsTrust.System);
        try
        {
            var endpoints = PublicNtsServers.Expand(servers);
            var trust = parse.GetValue(NtsCa) is { Length: > 0 } files ? NtsTrust.FromFiles(files.Select(f => f.FullName)) : NtsTrust.System;
            return new TimeLaunch(false, endpoints, trust);
        }
        catch (Exception e) when (e is FormatException or IOException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            error = (e is FormatException ? "--nts: " : "--nts-ca: ") + e.Message;
            return null;
        }
    }
}

/// <summary>The time source a signer process was launched with.</summary>
internal sealed record TimeLaunch(bool Simulated, IReadOnlyList<NtsServerEndpoint> Servers, NtsTrust Trust);
