using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// A signer on real SEV-SNP: the platform (configfs-tsm root and VCEK directory as configured) and
/// the launch MEASUREMENT it demands of its peers. That is the operator's pin when given, else this
/// node's own measurement read from a first report — never a hash of a file on disk, which the
/// firmware does not vouch for. A node whose own report differs from the pin refuses to start: its
/// peers would refuse it anyway, and the operator should know now, not at the first attestation.
/// </summary>
public sealed record GenuineLaunch(SevGuestPlatform Platform, Measurement PeerMeasurement)
{
    /// <summary>What <see cref="SecureTscProbe"/> found under the system root at launch.</summary>
    public SecureTsc SecureTsc { get; init; } = SecureTsc.Unknown;

    public static async Task<GenuineLaunch> StartAsync(string? tsmRoot, string? vcekDirectory, Measurement? pinned, CancellationToken cancellationToken, string? systemRoot = null)
    {
        var platform = new SevGuestPlatform(
            tsmRoot is null ? null : new ConfigfsTsm(tsmRoot),
            vcekDirectory: vcekDirectory is null ? null : new VcekDirectory(vcekDirectory));
        // REPORT_DATA is zero: this report only tells the node its own launch, it is shown to nobody
        var bytes = await platform.GetReportAsync(new byte[64], cancellationToken).ConfigureAwait(false);
        if (!SnpReport.Parse(bytes).TryGet(out var own, out var error))
            throw new PlatformUnavailableException("The platform returned an unreadable report: " + error.Detail + ".");
        if (pinned is { } pin && pin != own.Measurement)
            throw new PlatformUnavailableException($"This node was launched with measurement {own.Measurement}, not the pinned {pin}: launch the pinned image or change the pin.");
        return new GenuineLaunch(platform, pinned ?? own.Measurement) { SecureTsc = new SecureTscProbe(systemRoot ?? SecureTscProbe.DefaultRoot).Detect() };
    }
}
