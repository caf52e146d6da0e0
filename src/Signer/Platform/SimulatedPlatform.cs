using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// SEV-SNP as simulated on machines without it: reports in the genuine 0x4A0 layout, signed by this
/// node's <see cref="SimulatedVcek"/> (issued by the installation's SimulatedAmdRoot for this node's
/// chip id), measurement = the signer build's SHA-384. The VCEK key plays the part of the chip's
/// secret: it lives only in this object.
/// </summary>
public sealed class SimulatedPlatform : IPlatform, IDisposable
{
    private readonly SimulatedVcek _vcek;
    private readonly Measurement _measurement;
    private readonly SimulatedPlatformOptions _options;

    public SimulatedPlatform(SimulatedVcek vcek, byte[] arkDer, byte[] askDer, Measurement measurement, SimulatedPlatformOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(vcek);
        _vcek = vcek;
        _measurement = measurement;
        _options = options ?? new SimulatedPlatformOptions();
        CertificateChain = new AttestationChain(vcek.CertificateDer, [.. askDer], [.. arkDer]);
    }

    public string Name => "simulated-sev-snp";

    public AttestationChain CertificateChain { get; }

    public Task<byte[]> GetReportAsync(ReadOnlyMemory<byte> reportData64, CancellationToken cancellationToken)
    {
        if (reportData64.Length != 64)
            throw new ArgumentException($"REPORT_DATA is 64 bytes, got {reportData64.Length}.", nameof(reportData64));
        cancellationToken.ThrowIfCancellationRequested();
        var tcb = (_options.ReportedTcbOverride ?? _vcek.Tcb).ToVersion(SnpProduct.Milan);
        var vcekTcb = _vcek.Tcb.ToVersion(SnpProduct.Milan);
        var report = new SnpReport
        {
            Version = 2,
            GuestSvn = _options.GuestSvn,
            Policy = _options.Policy,
            Vmpl = _options.Vmpl,
            SignatureAlgo = SnpReport.EcdsaP384Sha384,
            CurrentTcb = vcekTcb,
            PlatformInfo = 1, // SMT enabled, as on a typical host
            ReportData = [.. reportData64.Span],
            Measurement = _options.MeasurementOverride ?? _measurement,
            ReportedTcb = tcb,
            ChipId = _vcek.ChipId,
            CommittedTcb = vcekTcb,
            LaunchTcb = vcekTcb,
            CurrentMajor = 1, CurrentMinor = 55, CurrentBuild = 0,
            CommittedMajor = 1, CommittedMinor = 55, CommittedBuild = 0,
        };
        var signed = _vcek.Sign(report).ToBytes();
        // the lowest bit of R: the signature stays well-formed but no longer verifies
        if (_options.CorruptSignature) signed[SnpReport.SignedSize] ^= 1;
        return Task.FromResult(signed);
    }

    public void Dispose() => _vcek.Dispose();

    public override string ToString() => "SimulatedPlatform([redacted])";
}
