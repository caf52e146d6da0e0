using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Clock;
using CcTsa.Signer.Clock;

namespace CcTsa.Signer.Tests.Clock;

public sealed class TrustedClockTests
{
    private const int Threshold = 3;
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Rtt = TimeSpan.FromMicroseconds(20);

    private static (ManualTimeProvider Time, TrustedClock[] Nodes) Cluster(bool faultMode = true)
    {
        var time = new ManualTimeProvider(Start);
        var nodes = Enumerable.Range(1, 5)
            .Select(i => new TrustedClock(NodeId.FromIndex(i), new SecureTscClock(time), faultMode: faultMode)).ToArray();
        return (time, nodes);
    }

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
}
