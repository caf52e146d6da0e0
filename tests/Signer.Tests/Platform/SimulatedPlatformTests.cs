using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Platform;

public sealed class SimulatedPlatformTests(SimulatedRootFixture sim) : IClassFixture<SimulatedRootFixture>
{
    private static readonly byte[] Binding = ReportDataBinding.Compute(new byte[32], Enumerable.Repeat((byte)7, 32).ToArray());

    private AttestationPolicy Dev => AttestationPolicy.Production([SignerMeasurement.ForCurrentBuild()], SimulatedRootFixture.Tcb, Binding)
        with { AllowSimulatedRoot = true };

    private async Task<AttestationVerdict> AttestAsync(SimulatedPlatform platform, AttestationPolicy? policy = null)
    {
        using (platform)
        {
            var report = await platform.GetReportAsync(Binding, CancellationToken.None);
            return new SnpReportVerifier(sim.Root.TrustAnchors).Verify(report, platform.CertificateChain, policy ?? Dev);
        }
    }

    [Fact]
    public async Task Report_of_a_well_behaved_simulated_node_verifies_with_dev_policy()
    {
        var verdict = await AttestAsync(sim.Platform());
        Assert.True(verdict.IsValid, verdict.ToString());
        Assert.Equal(SignerMeasurement.ForCurrentBuild(), verdict.Report!.Measurement);
        Assert.Equal(SnpReport.Size, verdict.Report.ToBytes().Length);
    }

    [Fact]
    public async Task Report_is_refused_by_production_policy_as_SimulatedRootRefused()
    {
        var verdict = await AttestAsync(sim.Platform(), Dev with { AllowSimulatedRoot = false });
        Assert.Equal(AttestationFailure.SimulatedRootRefused, verdict.Failure);
    }

    [Fact]
    public async Task Debug_knob_gives_DebugAllowed()
    {
        var verdict = await AttestAsync(sim.Platform(new SimulatedPlatformOptions { Policy = GuestPolicy.Default.WithDebug(true) }));
        Assert.Equal(AttestationFailure.DebugAllowed, verdict.Failure);
    }

    [Fact]
    public async Task Migration_agent_knob_gives_MigrationAgentAllowed()
    {
        var verdict = await AttestAsync(sim.Platform(new SimulatedPlatformOptions { Policy = GuestPolicy.Default.WithMigrationAgent(true) }));
        Assert.Equal(AttestationFailure.MigrationAgentAllowed, verdict.Failure);
    }

    [Fact]
    public async Task Wrong_measurement_knob_gives_MeasurementNotAllowed()
    {
        var other = Measurement.FromBytes(new byte[48]);
        var verdict = await AttestAsync(sim.Platform(new SimulatedPlatformOptions { MeasurementOverride = other }));
        Assert.Equal(AttestationFailure.MeasurementNotAllowed, verdict.Failure);
    }

    [Fact]
    public async Task Old_firmware_node_gives_TcbBelowMinimum()
    {
        var verdict = await AttestAsync(sim.Platform(vcekTcb: new TcbParts(3, 0, 7, 115)));
        Assert.Equal(AttestationFailure.TcbBelowMinimum, verdict.Failure);
    }

    [Fact]
    public async Task Reported_TCB_knob_not_matching_the_VCEK_gives_TcbMismatchWithVcek()
    {
        var verdict = await AttestAsync(sim.Platform(new SimulatedPlatformOptions { ReportedTcbOverride = new TcbParts(9, 9, 9, 200) }));
        Assert.Equal(AttestationFailure.TcbMismatchWithVcek, verdict.Failure);
    }

    [Fact]
    public async Task Each_node_has_its_own_chip_id()
    {
        using var n1 = sim.Platform(node: "n1");
        using var n2 = sim.Platform(node: "n2");
        var r1 = SnpReport.Parse(await n1.GetReportAsync(Binding, CancellationToken.None)).Value;
        var r2 = SnpReport.Parse(await n2.GetReportAsync(Binding, CancellationToken.None)).Value;
        Assert.NotEqual(r1.ChipId.ToArray(), r2.ChipId.ToArray());
    }

    [Fact]
    public async Task GetReport_with_wrong_report_data_length_is_refused()
    {
        using var platform = sim.Platform();
        await Assert.ThrowsAsync<ArgumentException>(() => platform.GetReportAsync(new byte[32], CancellationToken.None));
    }
}
