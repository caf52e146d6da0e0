using CcTsa.Signer.Channel;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Coordinator;

/// <summary>
/// The one "spare eligible peer" rule both the signing pipeline and a relayed step ask before they
/// pick the short give-up deadline: a peer counts only when it could really stand in.
/// </summary>
public class SparePeersTests
{
    private static NodeId N(int i) => NodeId.FromIndex(i);

    private static PeerView View(int i, bool attested = true, bool clock = true, bool reachable = true) => new(N(i), attested, clock, reachable, 0);

    private static PeerState State(int i, bool attested = true, bool clock = true, bool timedOut = false) =>
        new(N(i), "test", attested ? [1, 2, 3] : null, null, DateTimeOffset.UnixEpoch, clock, timedOut, 1);

    [Fact]
    public void A_healthy_peer_outside_the_subset_and_not_excluded_is_a_spare()
    {
        Assert.True(SparePeers.Any([View(2), View(3), View(4)], [N(2), N(3)], SparePeers.NoneExcluded));
    }

    [Fact]
    public void Members_of_the_subset_excluded_unattested_clock_excluded_and_unreachable_peers_are_not()
    {
        IReadOnlyList<NodeId> subset = [N(2), N(3)];
        Assert.False(SparePeers.Any([View(2), View(3)], subset, SparePeers.NoneExcluded));
        Assert.False(SparePeers.Any([View(2), View(3), View(4)], subset, new HashSet<NodeId> { N(4) }));
        Assert.False(SparePeers.Any([View(4, attested: false)], subset, SparePeers.NoneExcluded));
        Assert.False(SparePeers.Any([View(4, clock: false)], subset, SparePeers.NoneExcluded));
        Assert.False(SparePeers.Any([View(4, reachable: false)], subset, SparePeers.NoneExcluded));
    }

    [Fact]
    public void A_step_sees_every_other_peer_and_counts_a_timed_out_one_as_unreachable()
    {
        var views = SparePeers.StepViews(N(1), [State(1), State(2), State(3, timedOut: true), State(4, attested: false)]).ToList();
        Assert.Equal([N(2), N(3), N(4)], views.Select(v => v.Node));
        Assert.True(views[0].Reachable);
        Assert.False(views[1].Reachable);
        Assert.False(views[2].Attested);
        // the coordinator itself never stands in for its own subset
        Assert.False(SparePeers.Any(SparePeers.StepViews(N(1), [State(1), State(2)]), [N(2)], SparePeers.NoneExcluded));
        Assert.True(SparePeers.Any(views, [N(4)], SparePeers.NoneExcluded));
    }
}
