using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Invariant 6: a node takes part only after its peers verified a fresh report. A replacement that
/// runs with the debug policy, or another measurement, is never attested, so no helper seals a
/// share to it and the repair ceremony fails cleanly instead.
/// </summary>
[Collection(FleetCollection.Name)]
public class AttestationGateTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    public static TheoryData<string> BadPlatforms => ["debug", "measurement", "vmpl"];

    [Theory]
    [MemberData(nameof(BadPlatforms))]
    public async Task Replacement_with_a_bad_report_is_never_attested_and_gets_no_share(string defect)
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.DkgAndCertifyAsync(1);
        await cluster.InjectAsync(new InjectFault(N5, FaultKind.Kill, 0, []));
        var options = defect switch
        {
            "debug" => new SimulatedPlatformOptions { Policy = GuestPolicy.Default.WithDebug(true) },
            "vmpl" => new SimulatedPlatformOptions { Vmpl = 1 }, // peers apply VMPL 0 as the control plane does
            _ => new SimulatedPlatformOptions { MeasurementOverride = Measurement.FromBytes(new byte[Measurement.Size]) },
        };
        var bad = await cluster.StartNodeAsync(N5, o => o with { Platform = FleetRoot.PlatformFor(N5, options) });

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        var helpers = finished.Where(f => f.Node != N5).ToList();
        Assert.NotEmpty(helpers);
        Assert.All(helpers, f =>
        {
            Assert.False(f.Ok);
            Assert.Contains("attested", f.Error, StringComparison.Ordinal);
        });
        Assert.All(cluster.Nodes.Where(n => n.Id != N5), n => Assert.False(n.Context.Peers.IsAttested(N5)));
        Assert.False(bad.Context.Vault.Holds(1));
    }
}
