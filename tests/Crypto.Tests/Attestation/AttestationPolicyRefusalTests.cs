using CcTsa.Crypto.Attestation;
using CcTsa.Testing;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>
/// The policy the control plane and the signers share, applied to genuine evidence (report plus
/// certificate table): each refusal comes with its own reason. VMPL needs a report signed at
/// another VMPL, which only the simulated firmware can produce.
/// </summary>
public sealed class AttestationPolicyRefusalTests(SimulatedRootFixture sim) : IClassFixture<SimulatedRootFixture>
{
    private static readonly SnpReportVerifier Verifier = new();
    private static readonly Measurement VirteeMeasurement = SnpReport.Parse(GenuineEvidence.VirteeReport).Value.Measurement;
    private static readonly TcbParts VirteeTcb = new(3, 0, 8, 115);

    private static AttestationPolicy Pinned => new() { AllowedMeasurements = new HashSet<Measurement> { VirteeMeasurement }, MinimumTcb = VirteeTcb };

    private static AttestationVerdict Verify(byte[] report, byte[] table, AttestationPolicy policy) =>
        Verifier.Verify(report, AttestationChain.FromCertificateTable(table).Value, policy);

    [Fact]
    public void Genuine_evidence_meeting_the_pinned_policy_is_valid()
    {
        Assert.True(Verify(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned).IsValid);
    }

    [Fact]
    public void Wrong_measurement_is_MeasurementNotAllowed()
    {
        var other = Measurement.FromBytes(new byte[48]);
        var verdict = Verify(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned with { AllowedMeasurements = new HashSet<Measurement> { other } });
        Assert.Equal(AttestationFailure.MeasurementNotAllowed, verdict.Failure);
        Assert.Contains(VirteeMeasurement.ToString(), verdict.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Debug_policy_is_DebugAllowed()
    {
        var verdict = Verify(GenuineEvidence.DebugPolicyReport, GenuineEvidence.DebugPolicyTable(), new AttestationPolicy());
        Assert.Equal(AttestationFailure.DebugAllowed, verdict.Failure);
        Assert.Contains("DEBUG", verdict.Error!.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(4, 0, 8, 115)]
    [InlineData(3, 1, 8, 115)]
    [InlineData(3, 0, 9, 115)]
    [InlineData(3, 0, 8, 116)]
    public void TCB_below_the_minimum_in_any_component_is_TcbBelowMinimum(byte bl, byte tee, byte snp, byte ucode)
    {
        var verdict = Verify(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned with { MinimumTcb = new TcbParts(bl, tee, snp, ucode) });
        Assert.Equal(AttestationFailure.TcbBelowMinimum, verdict.Failure);
    }

    [Fact]
    public void VCEK_of_another_chip_is_ChipIdMismatch()
    {
        // the debug-policy host's VCEK with the virtee report: both genuine, different chips
        var table = GenuineEvidence.Table(Fixtures.Bytes("sev-snp/milan-debug-policy/vcek.der"), Fixtures.Bytes("sev-snp/milan-debug-policy/ask_ark.pem"));
        var verdict = Verify(GenuineEvidence.VirteeReport, table, Pinned);
        Assert.Equal(AttestationFailure.ChipIdMismatch, verdict.Failure);
        Assert.Contains("another chip", verdict.Error!.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_certificate_table_is_BadCertificateTable()
    {
        var table = GenuineEvidence.VirteeTable()[..30];
        Assert.Equal(AttestationFailure.BadCertificateTable, AttestationChain.FromCertificateTable(table).Error.Failure);
    }

    [Fact]
    public void SMT_forbidden_by_the_policy_is_SmtAllowed()
    {
        // the virtee guest launched with policy 0x30000: SMT allowed
        var verdict = Verify(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable(), Pinned with { AllowSmt = false });
        Assert.Equal(AttestationFailure.SmtAllowed, verdict.Failure);
    }

    [Fact]
    public void VMPL_other_than_zero_is_VmplNotZero()
    {
        var report = sim.Vcek.Sign(sim.Unsigned(new byte[64]) with { Vmpl = 1 }).ToBytes();
        var verifier = new SnpReportVerifier(sim.Root.TrustAnchors);
        var policy = new AttestationPolicy { AllowSimulatedRoot = true };
        var verdict = verifier.Verify(report, sim.Chain, policy);
        Assert.Equal(AttestationFailure.VmplNotZero, verdict.Failure);
        Assert.Contains("VMPL 1", verdict.Error!.Detail, StringComparison.Ordinal);
        Assert.True(verifier.Verify(sim.Vcek.Sign(sim.Unsigned(new byte[64])).ToBytes(), sim.Chain, policy).IsValid);
    }
}
