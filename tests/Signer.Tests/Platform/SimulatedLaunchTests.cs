using System.Security.Cryptography;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Platform;

/// <summary>Each launch flaw fails exactly the verifier check it stands for, under the fleet's policy.</summary>
public sealed class SimulatedLaunchTests(SimulatedRootFixture sim) : IClassFixture<SimulatedRootFixture>
{
    private static readonly byte[] Binding = ReportDataBinding.Compute(new byte[32], Enumerable.Repeat((byte)9, 32).ToArray());
    private static readonly NodeId N5 = NodeId.FromIndex(5);

    /// <summary>What the control plane and peers demand in the simulated fleet: this build, the simulated TCB.</summary>
    private static AttestationPolicy Fleet(Measurement measurement) =>
        AttestationPolicy.Production([measurement], SimulatedAmdRoot.SimulatedTcb, Binding) with { AllowSimulatedRoot = true };

    private async Task<AttestationVerdict> AttestAsync(LaunchFlaw flaw, Measurement? measurement = null, Measurement? demanded = null)
    {
        using var launch = SimulatedLaunch.Create(sim.Root, N5, flaw, measurement);
        var report = await launch.Platform.GetReportAsync(Binding, CancellationToken.None);
        return new SnpReportVerifier(sim.Root.TrustAnchors).Verify(report, launch.Platform.CertificateChain, Fleet(demanded ?? SignerMeasurement.ForCurrentBuild()));
    }

    [Fact]
    public async Task Create_without_flaw_gives_a_report_the_fleet_accepts()
    {
        var verdict = await AttestAsync(LaunchFlaw.None);
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal(SignerMeasurement.ForCurrentBuild(), verdict.Report!.Measurement);
    }

    [Theory]
    [InlineData(LaunchFlaw.WrongMeasurement, AttestationFailure.MeasurementNotAllowed)]
    [InlineData(LaunchFlaw.DebugPolicy, AttestationFailure.DebugAllowed)]
    [InlineData(LaunchFlaw.TcbBelowMinimum, AttestationFailure.TcbBelowMinimum)]
    [InlineData(LaunchFlaw.ForgedReport, AttestationFailure.ReportSignatureInvalid)]
    [InlineData(LaunchFlaw.VmplNotZero, AttestationFailure.VmplNotZero)]
    public async Task Create_with_a_flaw_fails_exactly_its_check(LaunchFlaw flaw, AttestationFailure expected)
    {
        var verdict = await AttestAsync(flaw);
        Assert.Equal(expected, verdict.Failure);
    }

    [Fact]
    public async Task Create_with_a_measurement_reports_and_expects_it()
    {
        var update = Measurement.FromBytes(SHA384.HashData("cctsa-signer v2"u8));
        using var launch = SimulatedLaunch.Create(sim.Root, N5, LaunchFlaw.None, update);
        Assert.Equal(update, launch.ExpectedMeasurement);
        Assert.True((await AttestAsync(LaunchFlaw.None, update, demanded: update)).IsValid);
        Assert.Equal(AttestationFailure.MeasurementNotAllowed, (await AttestAsync(LaunchFlaw.None, update)).Failure);
    }

    [Fact]
    public void Create_wrong_measurement_expects_its_own_random_measurement()
    {
        using var a = SimulatedLaunch.Create(sim.Root, N5, LaunchFlaw.WrongMeasurement);
        using var b = SimulatedLaunch.Create(sim.Root, N5, LaunchFlaw.WrongMeasurement);
        Assert.NotEqual(SignerMeasurement.ForCurrentBuild(), a.ExpectedMeasurement);
        Assert.NotEqual(a.ExpectedMeasurement, b.ExpectedMeasurement);
    }

    [Fact]
    public void BelowMinimum_is_below_in_one_component_only()
    {
        var low = SimulatedLaunch.BelowMinimum(SimulatedAmdRoot.SimulatedTcb);
        Assert.False(low.IsAtLeast(SimulatedAmdRoot.SimulatedTcb));
        Assert.Equal(SimulatedAmdRoot.SimulatedTcb with { Snp = (byte)(SimulatedAmdRoot.SimulatedTcb.Snp - 1) }, low);
        Assert.Throws<ArgumentException>(() => SimulatedLaunch.BelowMinimum(new TcbParts(0, 0, 0, 0)));
    }
}
