using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Clock;
using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock;

public sealed class TrustedClockTests
{
    private const int Threshold = 3;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Rtt = TimeSpan.FromMicroseconds(20);

    private static (ManualTimeProvider Time, TrustedClock[] Nodes) Cluster(bool faultMode = true, bool withNts = false)
    {
        var time = new ManualTimeProvider(Start);
        var nodes = Enumerable.Range(1, 5)
            .Select(i => new TrustedClock(NodeId.FromIndex(i), new SecureTscClock(time), nts: withNts ? Nts(time) : null, faultMode: faultMode)).ToArray();
        return (time, nodes);
    }

    /// <summary>Three honest NTS servers, as the signer's configuration lists them.</summary>
    private static NtsValidator Nts(ManualTimeProvider time) => new(
    [
        SimulatedNtsServer.Symmetric("nts-a", TimeSpan.FromMicroseconds(5), TimeSpan.FromMilliseconds(2)),
        SimulatedNtsServer.Symmetric("nts-b", TimeSpan.FromMicroseconds(-5), TimeSpan.FromMilliseconds(3)),
        SimulatedNtsServer.Symmetric("nts-c", TimeSpan.Zero, TimeSpan.FromMilliseconds(1)),
    ], time);

    /// <summary>One probe round: every node probes every other (as the bus protocol will), then evaluates.</summary>
    private static Dictionary<NodeId, ClockVerdict> Round(ManualTimeProvider time, TrustedClock[] nodes)
    {
        foreach (var node in nodes)
        {
            foreach (var peer in nodes.Where(p => p != node))
            {
                time.Advance(Rtt / 2);
                var peerTime = peer.Now();
                time.Advance(Rtt / 2);
                node.RecordPeerProbe(peer.Self, peerTime, Rtt);
            }
        }
        time.Advance(TimeSpan.FromSeconds(1));
        return nodes.ToDictionary(n => n.Self, n => n.EvaluateRound());
    }

    [Fact]
    public void Skewed_node_is_excluded_within_bounded_rounds_others_keep_signing_and_it_rejoins_after_skew_is_removed()
    {
        var (time, nodes) = Cluster();
        var rule = new TriHaRdRule();
        var skewed = nodes[2];
        skewed.ApplyFaultSkew(TimeSpan.FromMicroseconds(500));

        var excludedAt = 0;
        for (var round = 1; round <= rule.ExcludeAfter && excludedAt == 0; round++)
        {
            var verdicts = Round(time, nodes);
            if (verdicts[skewed.Self].ExcludedNow) excludedAt = round;
            Assert.All(nodes.Where(n => n != skewed), n => Assert.False(verdicts[n.Self].Bad));
        }
        Assert.Equal(rule.ExcludeAfter, excludedAt);
        Assert.True(skewed.IsExcluded);
        Assert.False(skewed.IsHealthy);
        // signing goes on: t = 3 clock-healthy nodes remain
        Assert.Equal(4, nodes.Count(n => n.IsHealthy));
        Assert.True(nodes.Count(n => n.IsHealthy) >= Threshold);

        skewed.ClearFaultSkew();
        var readmittedAt = 0;
        for (var round = 1; round <= rule.ReadmitAfter && readmittedAt == 0; round++)
        {
            if (Round(time, nodes)[skewed.Self].ReadmittedNow) readmittedAt = round;
        }
        Assert.Equal(rule.ReadmitAfter, readmittedAt);
        Assert.All(nodes, n => Assert.True(n.IsHealthy));
    }

    [Fact]
    public void Skew_within_tolerance_does_not_exclude()
    {
        var (time, nodes) = Cluster();
        nodes[0].ApplyFaultSkew(TimeSpan.FromMicroseconds(40));
        for (var round = 0; round < 10; round++) Round(time, nodes);
        Assert.All(nodes, n => Assert.False(n.IsExcluded));
    }

    [Fact]
    public void ApplyFaultSkew_without_fault_mode_is_refused()
    {
        var (_, nodes) = Cluster(faultMode: false);
        Assert.Throws<InvalidOperationException>(() => nodes[0].ApplyFaultSkew(TimeSpan.FromSeconds(1)));
        Assert.Throws<InvalidOperationException>(() => nodes[0].ClearFaultSkew());
    }

    [Fact]
    public void Partitioned_node_with_no_probes_is_neither_excluded_nor_readmitted()
    {
        var (_, nodes) = Cluster();
        var verdict = nodes[0].EvaluateRound();
        Assert.False(verdict.Conclusive);
        Assert.False(nodes[0].IsExcluded);
    }

    [Fact]
    public void RecordPeerProbe_rejects_self_and_negative_rtt()
    {
        var (_, nodes) = Cluster();
        Assert.Throws<ArgumentException>(() => nodes[0].RecordPeerProbe(nodes[0].Self, Start, Rtt));
        Assert.Throws<ArgumentOutOfRangeException>(() => nodes[0].RecordPeerProbe(nodes[1].Self, Start, -Rtt));
    }

    /// <summary>
    /// Adversary: three signers shift their clocks together by the same second (colluding, or one
    /// compromised host clock source), so each sees two of its four peers agree with it. TriHaRd's
    /// peer median (the value nearest zero for an even count) cannot tell them apart from the honest
    /// two — a majority is by definition right to the peer check — so NTS is the layer that must
    /// catch them: none of the three is healthy, and no node whose clock is a second off may sign.
    /// </summary>
    [Fact]
    public void Three_colluding_drifted_nodes_pass_the_peer_check_but_NTS_keeps_every_one_of_them_from_signing()
    {
        var (time, nodes) = Cluster(withNts: true);
        var drifted = nodes[2..];
        foreach (var node in drifted) node.ApplyFaultSkew(TimeSpan.FromSeconds(1));
        var rule = new TriHaRdRule();
        for (var round = 0; round < rule.ExcludeAfter + 1; round++) Round(time, nodes);

        // the weakened case: the peer check does not exclude the drifted three
        Assert.All(drifted, n => Assert.False(n.IsExcluded, $"{n.Self} excluded by TriHaRd"));
        // NTS does: every drifted node measures its second against the servers and is unhealthy
        Assert.All(drifted, n =>
        {
            var nts = n.ValidateAgainstNts();
            Assert.True(nts.HasMajority);
            Assert.True((nts.Offset + TimeSpan.FromSeconds(1)).Duration() <= TimeSpan.FromMilliseconds(5), $"{n.Self} offset {nts.Offset}");
            Assert.False(n.IsHealthy, $"{n.Self} healthy a second off");
        });
        // and no node a second off is left signing; the honest two, outvoted by their peers, halt too
        // (fewer than t = 3 healthy nodes: the fleet refuses rather than stamp a wrong time)
        Assert.All(nodes[..2], n =>
        {
            Assert.True(n.IsExcluded, $"{n.Self} not excluded by its drifted peers");
            Assert.False(n.IsHealthy);
        });
        Assert.Equal(0, nodes.Count(n => n.IsHealthy));
    }
}
