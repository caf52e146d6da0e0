using System.Collections.Immutable;
using CcTsa.Crypto.Attestation;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>The verifier on AMD-signed reports and AMD's shipped roots.</summary>
public sealed class SnpReportVerifierGenuineTests
{
    private static readonly SnpReportVerifier Verifier = new();
    private static readonly AttestationPolicy Inspect = new();

    private static AttestationChain VirteeChain(bool withRoots) => withRoots
        ? AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der"),
            Fixtures.Bytes("sev-snp/milan-virtee/ask.pem"), Fixtures.Bytes("sev-snp/milan-virtee/ark.pem")).Value
        : AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der")).Value;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Verify_milan_virtee_is_valid(bool withRoots)
    {
        var verdict = Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), VirteeChain(withRoots), Inspect);
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal(SnpProduct.Milan, verdict.Product);
        Assert.Equal("Milan-B0", verdict.Vcek!.ProductName);
        Assert.False(verdict.SimulatedRoot);
    }

    [Fact]
    public void Verify_milan_virtee_with_pinned_measurement_and_min_tcb_is_valid()
    {
        var report = Fixtures.Bytes("sev-snp/milan-virtee/report.bin");
        var m = SnpReport.Parse(report).Value.Measurement;
        var policy = AttestationPolicy.Production([m], new TcbParts(3, 0, 8, 115), report.AsSpan(0x50, 64));
        Assert.True(Verifier.Verify(report, VirteeChain(false), policy).IsValid);
    }

    [Fact]
    public void Verify_milan_virtee_with_bit_7_of_byte_21_flipped_is_ReportSignatureInvalid()
    {
        var report = Fixtures.Bytes("sev-snp/milan-virtee/report.bin");
        report[21] ^= 0x80;
        Assert.Equal(AttestationFailure.ReportSignatureInvalid, Verifier.Verify(report, VirteeChain(true), Inspect).Failure);
    }

    [Fact]
    public void Verify_milan_debug_policy_is_DebugAllowed()
    {
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-debug-policy/vcek.der"),
            Fixtures.Bytes("sev-snp/milan-debug-policy/ask_ark.pem")).Value;
        var report = Fixtures.Bytes("sev-snp/milan-debug-policy/attestation.bin");
        Assert.Equal(AttestationFailure.DebugAllowed, Verifier.Verify(report, chain, Inspect).Failure);
        // everything else about it is genuine: allowing debug makes it pass
        Assert.True(Verifier.Verify(report, chain, Inspect with { AllowDebug = true }).IsValid);
    }

    [Fact]
    public void Verify_with_another_products_ARK_is_AskSignatureInvalid()
    {
        var chain = VirteeChain(true) with { Ark = Der("genoa-ark.pem") };
        Assert.Equal(AttestationFailure.AskSignatureInvalid,
            Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect).Failure);
    }

    [Fact]
    public void Verify_with_another_products_ASK_is_VcekSignatureInvalid()
    {
        var chain = VirteeChain(true) with { Ask = Der("genoa-ask.pem"), Ark = Der("genoa-ark.pem") };
        Assert.Equal(AttestationFailure.VcekSignatureInvalid,
            Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect).Failure);
    }

    [Fact]
    public void Verify_with_an_RSA_certificate_as_VCEK_is_VcekExtensionsInvalid()
    {
        var chain = new AttestationChain(Der("milan-ask.pem"), Der("milan-ark.pem"), Der("milan-ark.pem"));
        Assert.Equal(AttestationFailure.VcekExtensionsInvalid,
            Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect).Failure);
    }

    [Fact]
    public void Verify_with_garbage_VCEK_is_MalformedCertificate()
    {
        var chain = new AttestationChain([0x30, 0x03, 0x02, 0x01, 0x01]);
        Assert.Equal(AttestationFailure.MalformedCertificate,
            Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect).Failure);
    }

    [Fact]
    public void Verify_with_a_truncated_report_is_BadReportLength()
    {
        var report = Fixtures.Bytes("sev-snp/milan-virtee/report.bin")[..0x2A0];
        Assert.Equal(AttestationFailure.BadReportLength, Verifier.Verify(report, VirteeChain(true), Inspect).Failure);
    }

    [Theory]
    [InlineData("milan")]
    [InlineData("genoa")]
    public void Shipped_AMD_roots_equal_the_fixture_roots(string product)
    {
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der"),
            Fixtures.Bytes($"sev-snp/amd-roots/{product}-ask.pem"), Fixtures.Bytes($"sev-snp/amd-roots/{product}-ark.pem")).Value;
        var verdict = Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect);
        // the Milan chain is valid; Genoa's ARK/ASK are trusted (no ArkNotTrusted) but did not sign this VCEK
        Assert.Equal(product == "milan" ? null : AttestationFailure.VcekSignatureInvalid, verdict.Failure);
    }

    [Fact]
    public void Turin_roots_are_shipped_and_trusted()
    {
        var described = AmdTrustAnchors.Genuine.Describe();
        Assert.Contains(described, d => d.StartsWith("Turin", StringComparison.Ordinal) && d.Contains("ARK-Turin", StringComparison.Ordinal));
        Assert.Equal(3, described.Count);
        // Turin's ARK/ASK chain: give it as the chain of the Milan VCEK; the ASK check passes, the VCEK check fails
        var chain = AttestationChain.FromEncoded(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der"),
            Fixtures.Bytes("sev-snp/amd-roots/turin-ask-ark.pem")).Value;
        Assert.Equal(AttestationFailure.VcekSignatureInvalid,
            Verifier.Verify(Fixtures.Bytes("sev-snp/milan-virtee/report.bin"), chain, Inspect).Failure);
    }

    [Fact]
    public void VcekExtensions_of_the_virtee_VCEK_match_the_report()
    {
        Assert.True(VcekExtensions.TryRead(Fixtures.Bytes("sev-snp/milan-virtee/vcek.der"), out var ext, out _));
        var report = SnpReport.Parse(Fixtures.Bytes("sev-snp/milan-virtee/report.bin")).Value;
        Assert.Equal(new TcbParts(3, 0, 8, 115), ext!.Tcb);
        Assert.Equal(report.ChipId.ToArray(), ext.HardwareId.ToArray());
    }

    private static ImmutableArray<byte> Der(string rootFile) =>
        AttestationChain.FromEncoded(Fixtures.Bytes($"sev-snp/amd-roots/{rootFile}")).Value.Vcek;
}
