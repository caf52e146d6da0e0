using System.Security.Cryptography;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Platform;

/// <summary>
/// The real SEV-SNP platform code against a fake configfs-tsm tree serving a genuine Milan report
/// and its certificate table: the evidence verifies down to AMD's root, and its REPORT_DATA (made
/// by the virtee guest, not for our nonce) fails the binding check by design.
/// </summary>
public sealed class ConfigfsTsmPlatformTests
{
    private static readonly SevGuestDevice NoDevice = new("/nonexistent/sev-guest");

    [Fact]
    public async Task Evidence_from_configfs_tsm_verifies_to_the_AMD_root_and_fails_only_the_REPORT_DATA_binding()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        var platform = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), NoDevice);
        var reportData = RandomNumberGenerator.GetBytes(64);

        var report = await platform.GetReportAsync(reportData, CancellationToken.None);

        Assert.Equal(reportData, tsm.InBlob); // REPORT_DATA went in through inblob
        var chain = platform.CertificateChain; // from auxblob
        var verifier = new SnpReportVerifier();
        var inspected = verifier.Verify(report, chain, new AttestationPolicy());
        Assert.True(inspected.IsValid, inspected.ToString());
        Assert.Equal(SnpProduct.Milan, inspected.Product);
        var bound = verifier.Verify(report, chain, new AttestationPolicy { ExpectedReportData = [.. reportData] });
        Assert.Equal(AttestationFailure.ReportDataMismatch, bound.Failure);
    }

    [Fact]
    public async Task Another_provider_is_refused_by_name()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), provider: "tdx_guest");
        var platform = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), NoDevice);
        var e = await Assert.ThrowsAsync<PlatformUnavailableException>(() => platform.GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("'tdx_guest', not sev_guest", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_auxblob_is_PlatformUnavailable_saying_so()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable()[..30]);
        var platform = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), NoDevice);
        var e = await Assert.ThrowsAsync<PlatformUnavailableException>(() => platform.GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("certificate table is malformed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_without_certificates_needs_vcek_dir_and_is_served_from_it()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, auxblob: null);
        var bare = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), NoDevice);
        var e = await Assert.ThrowsAsync<PlatformUnavailableException>(() => bare.GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("--vcek-dir", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("--vcek.", e.Message, StringComparison.Ordinal);

        var cache = Directory.CreateTempSubdirectory("cctsa-vcek-").FullName;
        try
        {
            var parsed = SnpReport.Parse(GenuineEvidence.VirteeReport).Value;
            File.Copy(Fixtures.PathOf("sev-snp/milan-virtee/vcek.der"),
                Path.Combine(cache, VcekDirectory.FileName(SnpProduct.Milan, parsed.ChipId.AsSpan(), parsed.ReportedTcb.Decode(SnpProduct.Milan))));
            var cached = new SevGuestPlatform(new ConfigfsTsm(tsm.Root), NoDevice, new VcekDirectory(cache));
            var report = await cached.GetReportAsync(new byte[64], CancellationToken.None);
            Assert.True(new SnpReportVerifier().Verify(report, cached.CertificateChain, new AttestationPolicy()).IsValid);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void The_ext_report_ioctl_and_request_match_the_Linux_uapi()
    {
        Assert.Equal(0xC0205302u, SevGuestInterop.SNP_GET_EXT_REPORT);
        Assert.Equal(112, System.Runtime.CompilerServices.Unsafe.SizeOf<SevGuestInterop.snp_ext_report_req>());
    }
}
