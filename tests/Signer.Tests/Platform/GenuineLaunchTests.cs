using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;
using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Platform;

/// <summary>On real SEV-SNP a signer pins its peers to a launch MEASUREMENT from a report, never to a file hash.</summary>
public sealed class GenuineLaunchTests
{
    private static readonly Measurement Virtee = SnpReport.Parse(GenuineEvidence.VirteeReport).Value.Measurement;

    [Fact]
    public async Task Without_a_pin_peers_must_report_this_nodes_own_measurement()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        var launch = await GenuineLaunch.StartAsync(tsm.Root, null, null, CancellationToken.None);
        Assert.Equal(Virtee, launch.PeerMeasurement);
        Assert.NotEqual(SignerMeasurement.ForCurrentBuild(), launch.PeerMeasurement);
        Assert.Equal(EndorsementKind.Vcek, launch.Platform.CertificateChain.Endorsement);
    }

    [Fact]
    public async Task A_pin_equal_to_the_launch_is_kept()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        Assert.Equal(Virtee, (await GenuineLaunch.StartAsync(tsm.Root, null, Virtee, CancellationToken.None)).PeerMeasurement);
    }

    [Fact]
    public async Task A_node_launched_with_another_measurement_than_the_pin_refuses_to_start()
    {
        using var tsm = new FakeConfigfsTsm(GenuineEvidence.VirteeReport, GenuineEvidence.VirteeTable());
        var pin = Measurement.FromBytes(new byte[48]);
        var e = await Assert.ThrowsAsync<PlatformUnavailableException>(() => GenuineLaunch.StartAsync(tsm.Root, null, pin, CancellationToken.None));
        Assert.Contains(Virtee.ToString(), e.Message, StringComparison.Ordinal);
        Assert.Contains("not the pinned " + pin, e.Message, StringComparison.Ordinal);
    }
}
