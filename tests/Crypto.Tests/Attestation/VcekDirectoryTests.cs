using CcTsa.Crypto.Attestation;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>--vcek-dir: VCEKs fetched from AMD's KDS beforehand, for hosts that attach no certificates.</summary>
public sealed class VcekDirectoryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-vcek-").FullName;

    [Fact]
    public void FileName_follows_the_KDS_request()
    {
        var chip = new byte[64];
        chip[0] = 0xAB;
        var milan = VcekDirectory.FileName(SnpProduct.Milan, chip, new TcbParts(3, 0, 8, 115));
        Assert.Equal("Milan-ab" + new string('0', 126) + "-blSPL03-teeSPL00-snpSPL08-ucodeSPL115.der", milan);
        var turin = VcekDirectory.FileName(SnpProduct.Turin, chip, new TcbParts(1, 2, 3, 4, 5));
        Assert.Equal("Turin-ab00000000000000-fmcSPL05-blSPL01-teeSPL02-snpSPL03-ucodeSPL04.der", turin);
    }

    [Fact]
    public void The_cached_VCEK_for_the_reports_chip_and_TCB_verifies_the_genuine_report()
    {
        var report = SnpReport.Parse(GenuineEvidence.VirteeReport).Value;
        var name = VcekDirectory.FileName(SnpProduct.Milan, report.ChipId.AsSpan(), report.ReportedTcb.Decode(SnpProduct.Milan));
        File.Copy(Fixtures.PathOf("sev-snp/milan-virtee/vcek.der"), Path.Combine(_dir, name));
        var chain = new VcekDirectory(_dir).ChainFor(report).Value;
        Assert.True(new SnpReportVerifier().Verify(GenuineEvidence.VirteeReport, chain, new AttestationPolicy()).IsValid);
    }

    [Fact]
    public void A_directory_without_the_VCEK_names_the_files_it_looked_for()
    {
        var report = SnpReport.Parse(GenuineEvidence.VirteeReport).Value;
        var e = new VcekDirectory(_dir).ChainFor(report).Error;
        Assert.Equal(AttestationFailure.MalformedCertificate, e.Failure);
        Assert.Contains("Milan-" + Convert.ToHexStringLower(report.ChipId.AsSpan()), e.Detail, StringComparison.Ordinal);
        Assert.Contains("KDS", e.Detail, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
