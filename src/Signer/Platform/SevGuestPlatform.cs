using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// Real SEV-SNP, the way Linux gives it: configfs-tsm first (<see cref="ConfigfsTsm"/>), else
/// SNP_GET_EXT_REPORT on /dev/sev-guest (<see cref="SevGuestDevice"/>). The certificates come from
/// the host's certificate table with each report; a host that supplies none is served from a
/// <see cref="VcekDirectory"/> (--vcek-dir). Absent interfaces, a wrong provider, a malformed table
/// or a missing VCEK → <see cref="PlatformUnavailableException"/> saying what to do.
/// </summary>
public sealed class SevGuestPlatform(ConfigfsTsm? tsm = null, SevGuestDevice? device = null, VcekDirectory? vcekDirectory = null) : IPlatform
{
    public const string DefaultDevice = SevGuestDevice.DefaultDevice;
    private readonly ConfigfsTsm _tsm = tsm ?? new ConfigfsTsm();
    private readonly SevGuestDevice _device = device ?? new SevGuestDevice();
    private volatile AttestationChain? _chain;

    public string Name => "sev-snp";

    /// <summary>The chain that came with (or was found for) the last report.</summary>
    public AttestationChain CertificateChain => _chain
        ?? throw new PlatformUnavailableException("No SEV-SNP report has been obtained yet, so no certificate chain is known: the chain comes with the first report (host certificate table, or --vcek-dir).");

    /// <summary>True when either Linux interface is there (it says nothing about whether the guest is really SNP).</summary>
    public bool IsPresent => _tsm.IsPresent || _device.IsPresent;

    public Task<byte[]> GetReportAsync(ReadOnlyMemory<byte> reportData64, CancellationToken cancellationToken)
    {
        if (reportData64.Length != 64)
            throw new ArgumentException($"REPORT_DATA is 64 bytes, got {reportData64.Length}.", nameof(reportData64));
        cancellationToken.ThrowIfCancellationRequested();
        if (!OperatingSystem.IsLinux())
            throw new PlatformUnavailableException("SEV-SNP reports need a Linux SEV-SNP guest; this OS has neither configfs-tsm nor /dev/sev-guest. Use the simulated platform.");
        SnpEvidence evidence;
        if (_tsm.IsPresent) evidence = _tsm.Request(reportData64.Span);
        else if (_device.IsPresent) evidence = _device.Request(reportData64.Span);
        else
            throw new PlatformUnavailableException($"Neither {_tsm.Root} nor {_device.Device} is present: this machine is not an SEV-SNP guest (or the sev-guest driver is not loaded). Use the simulated platform.");
        _chain = ChainFor(evidence);
        return Task.FromResult(evidence.Report);
    }

    private AttestationChain ChainFor(SnpEvidence evidence)
    {
        var table = SevCertificateTable.Parse(evidence.CertificateTable);
        if (!table.TryGet(out var parsed, out var tableError))
            throw new PlatformUnavailableException("The host's SEV certificate table is malformed: " + tableError.Detail + ".");
        if (parsed.Entries.Length > 0)
        {
            return parsed.ToChain().TryGet(out var chain, out var chainError)
                ? chain
                : throw new PlatformUnavailableException("The host's SEV certificate table is unusable: " + chainError.Detail + ".");
        }
        if (vcekDirectory is null)
            throw new PlatformUnavailableException("The host supplied no certificates with the report: fetch this chip's VCEK from AMD's KDS into a directory and pass --vcek-dir DIR.");
        var report = SnpReport.Parse(evidence.Report);
        if (!report.TryGet(out var r, out var reportError))
            throw new PlatformUnavailableException("The platform returned an unreadable report: " + reportError.Detail + ".");
        return vcekDirectory.ChainFor(r).TryGet(out var cached, out var cacheError)
            ? cached
            : throw new PlatformUnavailableException(cacheError.Detail + ".");
    }
}
