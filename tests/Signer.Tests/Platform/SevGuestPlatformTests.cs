using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Platform;

public sealed class SevGuestPlatformTests
{
    [Fact]
    public async Task GetReport_without_the_device_is_PlatformUnavailable_with_a_clear_message()
    {
        var platform = new SevGuestPlatform(new ConfigfsTsm("/nonexistent/tsm/report"), new SevGuestDevice("/nonexistent/sev-guest"));
        Assert.False(platform.IsPresent);
        var e = await Assert.ThrowsAsync<PlatformUnavailableException>(() => platform.GetReportAsync(new byte[64], CancellationToken.None));
        Assert.Contains("/nonexistent/sev-guest", e.Message, StringComparison.Ordinal);
        Assert.Contains("simulated platform", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CertificateChain_before_any_report_is_PlatformUnavailable()
    {
        var platform = new SevGuestPlatform();
        Assert.Equal("sev-snp", platform.Name);
        var e = Assert.Throws<PlatformUnavailableException>(() => platform.CertificateChain);
        Assert.Contains("first report", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Interop_struct_sizes_match_the_Linux_uapi()
    {
        Assert.Equal(96, System.Runtime.CompilerServices.Unsafe.SizeOf<SevGuestInterop.snp_report_req>());
        Assert.Equal(32, System.Runtime.CompilerServices.Unsafe.SizeOf<SevGuestInterop.snp_guest_request_ioctl>());
        Assert.Equal(0xC0205300u, SevGuestInterop.SNP_GET_REPORT);
    }
}
