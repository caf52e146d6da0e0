using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Clock;

namespace CcTsa.Crypto.Tests.Clock;

public sealed class TriHaRdRuleTests
{
    private static readonly TriHaRdRule Rule = new();

    private static PeerProbe[] Probes(double offsetUs, double rttUs = 20) =>
        [.. Enumerable.Range(2, 4).Select(i => new PeerProbe(NodeId.FromIndex(i), TimeSpan.FromMicroseconds(offsetUs), TimeSpan.FromMicroseconds(rttUs)))];

    [Fact]
    public void Default_tolerance_is_50_microseconds()
    {
        Assert.Equal(TimeSpan.FromMicroseconds(50), Rule.Tolerance);
    }

    [Fact]
    public void Evaluate_excludes_after_consecutive_bad_rounds_and_readmits_after_consecutive_good_rounds()
    {
        var state = TriHaRdState.Initial;
        ClockVerdict v;
        for (var round = 1; round < Rule.ExcludeAfter; round++)
        {
            (state, v) = Rule.Evaluate(state, Probes(-200));
            Assert.True(v.Bad);
            Assert.False(v.Excluded);
        }
        (state, v) = Rule.Evaluate(state, Probes(-200));
        Assert.True(v.ExcludedNow);
        Assert.True(v.Excluded);
        Assert.Equal(TimeSpan.FromMicroseconds(200), v.DeviationFromPeers);

        for (var round = 1; round < Rule.ReadmitAfter; round++)
        {
            (state, v) = Rule.Evaluate(state, Probes(0));
            Assert.True(v.Excluded);
        }
        (_, v) = Rule.Evaluate(state, Probes(0));
        Assert.True(v.ReadmittedNow);
        Assert.False(v.Excluded);
    }

    [Fact]
    public void Evaluate_gives_the_benefit_of_half_the_RTT()
    {
        // 80 µs off, but RTT 100 µs: 80 − 50 = 30 ≤ 50 → not bad
        var (_, v) = Rule.Evaluate(TriHaRdState.Initial, Probes(80, rttUs: 100));
        Assert.False(v.Bad);
        // same offset with RTT 20 µs: 80 − 10 = 70 > 50 → bad
        (_, v) = Rule.Evaluate(TriHaRdState.Initial, Probes(80, rttUs: 20));
        Assert.True(v.Bad);
    }

    [Fact]
    public void The_uncertainty_is_that_of_the_probe_whose_offset_is_the_median()
    {
        // A node 2 s behind: two fast probes read it right, two slow ones (RTT 2.2 s) read it 1 s and
        // 0.9 s off. The median offset is a slow probe's; half the median RTT (0.555 s) would claim
        // 1.1 s ± 0.555 s, which leaves out the truth. The median probe's own RTT bounds its error.
        PeerProbe P(int i, double offsetMs, double rttMs) =>
            new(NodeId.FromIndex(i), TimeSpan.FromMilliseconds(offsetMs), TimeSpan.FromMilliseconds(rttMs));
        var (_, v) = Rule.Evaluate(TriHaRdState.Initial, [P(2, 2_000, 20), P(3, 2_000, 20), P(4, 1_000, 2_200), P(5, 1_100, 2_200)]);
        Assert.Equal(TimeSpan.FromMilliseconds(-1_100), v.DeviationFromPeers);
        Assert.Equal(TimeSpan.FromMilliseconds(1_100), v.Uncertainty);
        Assert.True((v.DeviationFromPeers - TimeSpan.FromSeconds(-2)).Duration() <= v.Uncertainty, "the truth lies within the stated uncertainty");
    }

    [Fact]
    public void A_good_round_resets_the_bad_streak()
    {
        var state = TriHaRdState.Initial;
        (state, _) = Rule.Evaluate(state, Probes(500));
        (state, _) = Rule.Evaluate(state, Probes(500));
        (state, _) = Rule.Evaluate(state, Probes(0));
        var (_, v) = Rule.Evaluate(state, Probes(500));
        Assert.Equal(1, v.ConsecutiveBad);
        Assert.False(v.Excluded);
    }

    [Fact]
    public void Median_ignores_one_faulty_peer()
    {
        PeerProbe[] probes =
        [
            new(NodeId.FromIndex(2), TimeSpan.FromMicroseconds(5), TimeSpan.FromMicroseconds(20)),
            new(NodeId.FromIndex(3), TimeSpan.FromMicroseconds(-5), TimeSpan.FromMicroseconds(20)),
            new(NodeId.FromIndex(4), TimeSpan.FromMicroseconds(0), TimeSpan.FromMicroseconds(20)),
            new(NodeId.FromIndex(5), TimeSpan.FromSeconds(3), TimeSpan.FromMicroseconds(20)),
        ];
        var (_, v) = Rule.Evaluate(TriHaRdState.Initial, probes);
        Assert.False(v.Bad);
    }

    [Fact]
    public void Two_answers_one_from_a_drifting_peer_do_not_make_a_healthy_clock_bad()
    {
        PeerProbe[] probes =
        [
            new(NodeId.FromIndex(2), TimeSpan.FromMicroseconds(3), TimeSpan.FromMicroseconds(20)),
            new(NodeId.FromIndex(4), TimeSpan.FromSeconds(-1), TimeSpan.FromMicroseconds(20)),
        ];
        var (_, v) = Rule.Evaluate(TriHaRdState.Initial, probes);
        Assert.False(v.Bad);
        Assert.Equal(TimeSpan.FromMicroseconds(-3), v.DeviationFromPeers);
        // the drifting peer's own view: both answers disagree in the same sense
        var (_, drifting) = Rule.Evaluate(TriHaRdState.Initial, [new(NodeId.FromIndex(2), TimeSpan.FromSeconds(1), TimeSpan.FromMicroseconds(20)),
            new(NodeId.FromIndex(3), TimeSpan.FromSeconds(1), TimeSpan.FromMicroseconds(20))]);
        Assert.True(drifting.Bad);
    }

    [Fact]
    public void Too_few_peers_is_inconclusive_and_keeps_the_state()
    {
        var excluded = new TriHaRdState(true, 3, 0);
        var (next, v) = Rule.Evaluate(excluded, Probes(0).Take(1).ToArray());
        Assert.False(v.Conclusive);
        Assert.Equal(excluded, next);
    }
}
