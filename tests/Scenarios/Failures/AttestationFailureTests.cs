using System.Security.Cryptography;
using System.Text;
using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §10: a replacement with a wrong measurement, a debug policy, a TCB below the minimum or a
/// forged report is rejected and never receives a share; a correct one then restores health.
/// A software update (new measurement) is all-or-nothing: all five nodes with the new measurement,
/// a new DKG and a certificate binding the new measurement; no epoch ever mixes measurements.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class AttestationFailureTests(ITestOutputHelper output)
{
    public static TheoryData<TsaSetupKind> Setups => new() { TsaSetupKind.Embedded, TsaSetupKind.Distributed };

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Flawed_replacements_are_rejected_and_never_receive_a_share(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("attestation failure", setup, output);
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Cluster.KillNodeAsync("n5");
        await run.WaitStateAsync("Degraded");
        run.Phase("degraded");
        foreach (var (flaw, keyword) in new[]
        {
            (AttestationFlaw.WrongMeasurement, "measurement"), (AttestationFlaw.DebugPolicy, "debug"),
            (AttestationFlaw.TcbBelowMinimum, "tcb"), (AttestationFlaw.ForgedReport, "signature"),
        })
        {
            var attempt = await run.Api.HeadAsync();
            await run.Cluster.StartNodeAsync("n5", new NodeLaunch(Flaw: flaw));
            var rejected = await run.WaitEventAsync("attestation_rejected", attempt, e => e.NodeField("node") == "n5", $"n5 with {flaw} rejected");
            run.Phase("rejected " + NodeLaunch.FlawName(flaw));
            Assert.Contains(keyword, rejected.Text("reason") ?? "", StringComparison.OrdinalIgnoreCase);
            var view = await run.Api.ClusterAsync();
            Assert.True(view.Node("n5") is null or { Attested: false, HoldsShare: false }, $"a rejected node is neither attested nor a share holder: {view}");
            Assert.DoesNotContain(await run.Api.EventsAsync("share_distributed", attempt), e => e.NodeField("recipient") == "n5");
            Assert.DoesNotContain(await run.Api.EventsAsync("node_attested", attempt), e => e.NodeField("node") == "n5");
            await run.Cluster.KillNodeAsync("n5");
        }

        var good = await run.Api.HeadAsync();
        await run.Cluster.StartNodeAsync("n5", NodeLaunch.Default);
        await run.WaitEventAsync("share_distributed", good, e => e.NodeField("recipient") == "n5");
        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();
        Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        Assert.DoesNotContain(await run.Api.EventsAsync("ceremony_started", mark), e => e.TextIs("kind", "dkg"));
        Assert.Empty(run.Load.Rejections);
        await run.FinishAsync("recovery = first kill to Healthy after four rejected replacements");
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public async Task Software_update_rotates_all_five_nodes_and_the_key_together(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("software update", setup, output);
        var oldMeasurement = (await run.MeasurementsAsync()).Values.Distinct().Single();
        var newMeasurement = Convert.ToHexStringLower(SHA384.HashData(Encoding.UTF8.GetBytes("cctsa-signer update " + Guid.NewGuid())));
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        foreach (var node in FleetLayout.Nodes)
            await run.Cluster.KillNodeAsync(node);
        await run.WaitStateAsync("Unavailable");
        foreach (var node in FleetLayout.Nodes)
            await run.Cluster.StartNodeAsync(node, new NodeLaunch(MeasurementHex: newMeasurement));
        var rotated = await Rekey.ExpectNewEpochAsync(run, mark);
        run.Recovered();
        await run.ExpectSigningResumesAsync();

        var certificates = await run.Api.EventsAsync("certificate_issued");
        // one certificate per scheme key and epoch (ecdsa-p384, ed25519, ml-dsa-65), each binding its epoch's measurement
        Assert.All(certificates.Where(c => c.EpochField() == run.Initial.Epoch), c => Assert.Equal(oldMeasurement, c.Text("measurementHex"), ignoreCase: true));
        Assert.All(certificates.Where(c => c.EpochField() == rotated.Epoch), c => Assert.Equal(newMeasurement, c.Text("measurementHex"), ignoreCase: true));
        Assert.Equal(3, certificates.Count(c => c.EpochField() == rotated.Epoch));
        Assert.All((await run.MeasurementsAsync(mark)).Values, m => Assert.Equal(newMeasurement, m, ignoreCase: true));
        await ExpectNoEpochMixesMeasurementsAsync(run);
        await Rekey.ExpectOldTokensStillVerifyAsync(run, run.Initial.Epoch);
        await run.FinishAsync();
    }

    /// <summary>Every activated epoch's share holders had attested with one and the same measurement, its certificate's.</summary>
    private static async Task ExpectNoEpochMixesMeasurementsAsync(ScenarioRun run)
    {
        var events = await run.Api.EventsAsync();
        foreach (var activation in events.Where(e => e.Type == "key_epoch_activated"))
        {
            var latest = events.Where(e => e.Type == "node_attested" && e.Sequence < activation.Sequence)
                .GroupBy(e => e.NodeField("node")!).ToDictionary(g => g.Key, g => g.Last().Text("measurementHex"));
            var used = activation.Nodes("shareHolders").Select(n => latest.GetValueOrDefault(n)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            Assert.True(used.Count == 1, $"epoch {activation.EpochField()} mixes measurements: {string.Join(", ", used)}");
        }
    }
}
