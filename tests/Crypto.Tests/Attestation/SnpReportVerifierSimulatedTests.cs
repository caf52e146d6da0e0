using System.Collections.Immutable;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>Every failure reason, produced with simulated reports signed in the genuine format.</summary>
public sealed class SnpReportVerifierSimulatedTests(SimulatedRootFixture sim) : IClassFixture<SimulatedRootFixture>
{
    private static readonly byte[] ChannelKey = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Nonce = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] Binding = ReportDataBinding.Compute(ChannelKey, Nonce);

    private AttestationPolicy Dev => AttestationPolicy.Production([SimulatedRootFixture.SignerMeasurement], SimulatedRootFixture.Tcb, Binding)
        with { AllowSimulatedRoot = true };

    private SnpReportVerifier Verifier => new(sim.Root.TrustAnchors);

    private AttestationVerdict Verify(SnpReport unsignedOrSigned, AttestationChain? chain = null, AttestationPolicy? policy = null, bool sign = true) =>
        Verifier.Verify((sign ? sim.Vcek.Sign(unsignedOrSigned) : unsignedOrSigned).ToBytes(), chain ?? sim.Chain, policy ?? Dev);

    [Fact]
    public void Verify_simulated_report_with_dev_policy_is_valid()
    {
        var verdict = Verify(sim.Unsigned(Binding));
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.True(verdict.SimulatedRoot);
    }

    [Fact]
    public void Verify_simulated_report_with_roots_from_anchors_is_valid()
    {
        var verdict = Verify(sim.Unsigned(Binding), new AttestationChain(sim.Vcek.CertificateDer));
        Assert.True(verdict.IsValid, verdict.ToString());
    }

    [Fact]
    public void Verify_simulated_report_with_production_policy_is_SimulatedRootRefused()
    {
        var verdict = Verify(sim.Unsigned(Binding), policy: Dev with { AllowSimulatedRoot = false });
        Assert.Equal(AttestationFailure.SimulatedRootRefused, verdict.Failure);
    }

    [Fact]
    public void Verify_against_genuine_anchors_only_is_ArkNotTrusted()
    {
        var verdict = new SnpReportVerifier().Verify(sim.Vcek.Sign(sim.Unsigned(Binding)).ToBytes(), sim.Chain, Dev);
        Assert.Equal(AttestationFailure.ArkNotTrusted, verdict.Failure);
    }

    [Fact]
    public void Verify_with_another_installations_ARK_is_ArkNotTrusted()
    {
        var chain = sim.Chain with { Ark = [.. sim.Other.ArkDer] };
        Assert.Equal(AttestationFailure.ArkNotTrusted, Verify(sim.Unsigned(Binding), chain).Failure);
    }

    [Fact]
    public void Verify_with_an_ARK_whose_self_signature_is_broken_is_ArkSignatureInvalid()
    {
        var ark = sim.Root.ArkDer;
        ark[^1] ^= 0x01;
        var anchors = AmdTrustAnchors.Genuine.WithSimulatedRoot(ark, sim.Root.AskDer);
        var verdict = new SnpReportVerifier(anchors).Verify(sim.Vcek.Sign(sim.Unsigned(Binding)).ToBytes(),
            sim.Chain with { Ark = [.. ark] }, Dev);
        Assert.Equal(AttestationFailure.ArkSignatureInvalid, verdict.Failure);
    }

    [Fact]
    public void Verify_with_an_ASK_of_another_root_is_AskSignatureInvalid()
    {
        Assert.Equal(AttestationFailure.AskSignatureInvalid, Verify(sim.Unsigned(Binding), sim.Chain with { Ask = [.. sim.Other.AskDer] }).Failure);
    }

    [Fact]
    public void Verify_with_a_VCEK_of_another_root_is_VcekSignatureInvalid()
    {
        using var foreign = sim.Other.IssueVcek(sim.ChipId.AsSpan(), SimulatedRootFixture.Tcb);
        var bytes = foreign.Sign(sim.Unsigned(Binding)).ToBytes();
        var verdict = Verifier.Verify(bytes, sim.Chain with { Vcek = foreign.CertificateDer }, Dev);
        Assert.Equal(AttestationFailure.VcekSignatureInvalid, verdict.Failure);
    }

    [Fact]
    public void Verify_of_a_tampered_signed_report_is_ReportSignatureInvalid()
    {
        var signed = sim.Vcek.Sign(sim.Unsigned(Binding)) with { GuestSvn = 7 };
        Assert.Equal(AttestationFailure.ReportSignatureInvalid, Verify(signed, sign: false).Failure);
    }

    [Fact]
    public void Verify_with_unsupported_signature_algorithm_is_UnsupportedSignatureAlgorithm()
    {
        Assert.Equal(AttestationFailure.UnsupportedSignatureAlgorithm, Verify(sim.Unsigned(Binding) with { SignatureAlgo = 2 }).Failure);
    }

    [Fact]
    public void Verify_with_version_4_is_UnsupportedVersion()
    {
        Assert.Equal(AttestationFailure.UnsupportedVersion, Verify(sim.Unsigned(Binding) with { Version = 4 }).Failure);
    }

    [Fact]
    public void Verify_with_reported_TCB_other_than_the_VCEKs_is_TcbMismatchWithVcek()
    {
        var report = sim.Unsigned(Binding) with { ReportedTcb = new TcbParts(3, 0, 9, 115).ToVersion(SnpProduct.Milan) };
        Assert.Equal(AttestationFailure.TcbMismatchWithVcek, Verify(report).Failure);
    }

    [Fact]
    public void Verify_with_another_chips_id_is_ChipIdMismatch()
    {
        var report = sim.Unsigned(Binding) with { ChipId = sim.Root.ChipIdFor("n2") };
        Assert.Equal(AttestationFailure.ChipIdMismatch, Verify(report).Failure);
    }

    [Fact]
    public void Verify_with_debug_policy_is_DebugAllowed()
    {
        var report = sim.Unsigned(Binding) with { Policy = GuestPolicy.Default.WithDebug(true) };
        Assert.Equal(AttestationFailure.DebugAllowed, Verify(report).Failure);
    }

    [Fact]
    public void Verify_with_migration_agent_policy_is_MigrationAgentAllowed()
    {
        var report = sim.Unsigned(Binding) with { Policy = GuestPolicy.Default.WithMigrationAgent(true) };
        Assert.Equal(AttestationFailure.MigrationAgentAllowed, Verify(report).Failure);
    }

    [Fact]
    public void Verify_with_unlisted_measurement_is_MeasurementNotAllowed()
    {
        var report = sim.Unsigned(Binding) with { Measurement = Measurement.FromBytes(new byte[48]) };
        Assert.Equal(AttestationFailure.MeasurementNotAllowed, Verify(report).Failure);
    }

    [Fact]
    public void Verify_with_TCB_below_minimum_is_TcbBelowMinimum()
    {
        var policy = Dev with { MinimumTcb = new TcbParts(3, 0, 9, 115) };
        Assert.Equal(AttestationFailure.TcbBelowMinimum, Verify(sim.Unsigned(Binding), policy: policy).Failure);
    }

    [Fact]
    public void Verify_with_other_nonce_is_ReportDataMismatch()
    {
        var other = ReportDataBinding.Compute(ChannelKey, new byte[32]);
        Assert.Equal(AttestationFailure.ReportDataMismatch, Verify(sim.Unsigned(other)).Failure);
    }

    [Fact]
    public void Verify_with_short_report_is_BadReportLength()
    {
        var verdict = Verifier.Verify(new byte[100], sim.Chain, Dev);
        Assert.Equal(AttestationFailure.BadReportLength, verdict.Failure);
    }

    [Fact]
    public void Every_failure_reason_is_distinct()
    {
        var values = Enum.GetValues<AttestationFailure>();
        Assert.Equal(values.Length, values.Distinct().Count());
    }

    [Fact]
    public void PemBundle_round_trip_keeps_the_same_root_and_VCEK_keys()
    {
        using var again = SimulatedAmdRoot.FromPemBundle(sim.Root.ToPemBundle());
        Assert.Equal(sim.Root.ArkDer, again.ArkDer);
        Assert.Equal(sim.Root.ChipIdFor("n1").ToArray(), again.ChipIdFor("n1").ToArray());
        using var vcek = again.IssueVcek(sim.ChipId.AsSpan(), SimulatedRootFixture.Tcb);
        var verdict = Verify(sim.Unsigned(Binding), sim.Chain with { Vcek = vcek.CertificateDer });
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal("SimulatedAmdRoot([redacted])", again.ToString());
    }

    [Fact]
    public void FromPemBundle_of_a_damaged_bundle_is_FormatException()
    {
        Assert.Throws<FormatException>(() => SimulatedAmdRoot.FromPemBundle("-----BEGIN VCEK SEED-----\nAAAA\n-----END VCEK SEED-----\n"));
    }

    [Fact]
    public void ReportDataBinding_is_SHA512_of_key_then_nonce()
    {
        var expected = System.Security.Cryptography.SHA512.HashData([.. ChannelKey, .. Nonce]);
        Assert.Equal(expected, Binding);
        Assert.Throws<ArgumentException>(() => ReportDataBinding.Compute(new byte[31], Nonce));
        Assert.Throws<ArgumentException>(() => ReportDataBinding.Compute(ChannelKey, new byte[8]));
    }

    private static ImmutableArray<byte> Unused => [];
}
