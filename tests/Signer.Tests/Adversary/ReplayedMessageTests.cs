using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Hosting;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// The bus keeps a genuine, correctly signed message and delivers it again. The signature still
/// verifies, so only the per-sender replay window stops it: the copy is dropped as a replay.
/// </summary>
[Collection(FleetCollection.Name)]
public class ReplayedMessageTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");

    [Fact]
    public async Task A_replayed_genuine_clock_probe_is_dropped()
    {
        using var relay = new MaliciousRelay();
        await using var cluster = await TestCluster.StartAsync(observe: relay.Observe);
        relay.Attach(cluster);
        await cluster.ProbeRoundAsync();
        var (probe, headers) = relay.Seen<ClockProbe>().First(p => p.Message.To == N1);
        var before = cluster[N1].DroppedMessages.ForReason(DropReason.Replayed);

        await relay.SendWithHeadersAsync(N1, probe, headers);

        await Eventually.TrueAsync(() => cluster[N1].DroppedMessages.ForReason(DropReason.Replayed) > before, "the replay was dropped");
        // and n1's next heartbeat tells the control plane (cctsa_signer_messages_dropped_total{node="n1",reason="replayed"})
        var reported = Assert.Single(cluster[N1].Heartbeat().DroppedMessages!, c => c.Reason == DropReason.Replayed);
        Assert.True(reported.Count > before);
    }

    [Fact]
    public async Task Replayed_nonce_commitments_are_dropped_so_no_nonce_is_offered_twice()
    {
        using var relay = new MaliciousRelay();
        await using var cluster = await TestCluster.StartAsync(observe: relay.Observe);
        relay.Attach(cluster);
        await cluster.DkgAndCertifyAsync(1);
        await Eventually.TrueAsync(() => relay.Seen<NonceCommitmentsIssued>().Any(c => c.Message.Coordinator == N1), "commitments reached n1");
        var (commitments, headers) = relay.Seen<NonceCommitmentsIssued>().First(c => c.Message.Coordinator == N1);

        await relay.SendWithHeadersAsync(N1, commitments, headers);

        await Eventually.TrueAsync(() => cluster[N1].DroppedMessages.ForReason(DropReason.Replayed) >= 1, "the replay was dropped");
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2)));
    }
}
