using CcTsa.Crypto.Attestation;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>
/// VLEK-signed reports. No genuine VLEK evidence exists among the fixtures (AMD issues VLEKs to
/// cloud providers only), so the positive path runs on a throw-away chain made here: the simulated
/// ARK → ASK (acting as the ASVK) → VLEK, RSA-PSS SHA-384 certificates and an ECDSA P-384 report
/// signature as AMD uses. The simulated root is trusted only through the test seam
/// (<see cref="SnpReportVerifier"/> given the root's anchors and a policy allowing simulated roots);
/// the production verifier refuses the same evidence.
/// </summary>
public sealed class VlekEvidenceTests(SimulatedRootFixture sim) : IClassFixture<SimulatedRootFixture>
{
    private const uint VlekSigned = 1u << 2; // KEY_INFO.SIGNING_KEY = 1
    private static readonly AttestationPolicy DevPolicy = new() { AllowSimulatedRoot = true, MinimumTcb = SimulatedRootFixture.Tcb };

    private SnpReportVerifier Verifier => new(sim.Root.TrustAnchors);

    private byte[] Report(SimulatedVcek key, uint keyInfo) => key.Sign(sim.Unsigned(new byte[64]) with { KeyInfo = keyInfo }).ToBytes();

    private AttestationChain TableChain(SimulatedVcek key, SevCertificateKind kind) =>
        new SevCertificateTable([SevCertificateEntry.Of(kind, key.CertificateDer.AsSpan()),
            SevCertificateEntry.Of(SevCertificateKind.Ask, sim.Root.AskDer), SevCertificateEntry.Of(SevCertificateKind.Ark, sim.Root.ArkDer)])
            .ToChain().Value;

    [Fact]
    public void A_VLEK_signed_report_from_a_certificate_table_verifies_to_the_root()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        var chain = TableChain(vlek, SevCertificateKind.Vlek);
        Assert.Equal(EndorsementKind.Vlek, chain.Endorsement);
        var verdict = Verifier.Verify(Report(vlek, VlekSigned), chain, DevPolicy);
        Assert.True(verdict.IsValid, verdict.ToString());
    }

    [Fact]
    public void A_VLEK_sent_as_bare_certificates_is_recognised_by_its_missing_hardware_id()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        var chain = AttestationChain.FromEncoded([.. vlek.CertificateDer], sim.Root.AskDer, sim.Root.ArkDer).Value;
        Assert.Equal(EndorsementKind.Vlek, chain.Endorsement);
        Assert.True(Verifier.Verify(Report(vlek, VlekSigned), chain, DevPolicy).IsValid);
    }

    [Fact]
    public void The_production_verifier_refuses_the_throw_away_chain()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        var report = Report(vlek, VlekSigned);
        var chain = TableChain(vlek, SevCertificateKind.Vlek);
        Assert.Equal(AttestationFailure.SimulatedRootRefused, Verifier.Verify(report, chain, new AttestationPolicy()).Failure);
        Assert.Equal(AttestationFailure.ArkNotTrusted, new SnpReportVerifier().Verify(report, chain, DevPolicy).Failure);
    }

    [Fact]
    public void A_VLEK_of_another_provider_does_not_verify_the_report()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        using var other = sim.Root.IssueVlek("csp-b", SimulatedRootFixture.Tcb);
        var verdict = Verifier.Verify(Report(vlek, VlekSigned), TableChain(other, SevCertificateKind.Vlek), DevPolicy);
        Assert.Equal(AttestationFailure.ReportSignatureInvalid, verdict.Failure);
        Assert.Contains("Vlek", verdict.Error!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0u, "VCEK-signed per KEY_INFO, VLEK supplied")]
    [InlineData(7u << 2, "no signing key per KEY_INFO")]
    [InlineData(2u << 2, "reserved signing key")]
    public void Signer_key_select_bits_other_than_VLEK_are_refused_with_a_VLEK_chain(uint keyInfo, string why)
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        var verdict = Verifier.Verify(Report(vlek, keyInfo), TableChain(vlek, SevCertificateKind.Vlek), DevPolicy);
        Assert.True(verdict.Failure == AttestationFailure.EndorsementKeyKindMismatch, why + ": " + verdict);
    }

    [Fact]
    public void A_VLEK_signed_report_offered_with_a_VCEK_chain_is_refused_as_the_wrong_key_kind()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", SimulatedRootFixture.Tcb);
        var verdict = Verifier.Verify(Report(vlek, VlekSigned), sim.Chain, DevPolicy);
        Assert.Equal(AttestationFailure.EndorsementKeyKindMismatch, verdict.Failure);
    }

    [Fact]
    public void A_VLEK_at_another_TCB_is_refused_as_TcbMismatchWithVcek()
    {
        using var vlek = sim.Root.IssueVlek("csp-a", new TcbParts(3, 0, 9, 115));
        var verdict = Verifier.Verify(Report(vlek, VlekSigned), TableChain(vlek, SevCertificateKind.Vlek), DevPolicy);
        Assert.Equal(AttestationFailure.TcbMismatchWithVcek, verdict.Failure);
    }
}
