using System.Diagnostics;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Clock;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>TriHaRd over the bus: a skewed node is excluded, signing goes on without it, and it rejoins.</summary>
[Collection(FleetCollection.Name)]
public class ClockExclusionTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");
    private static readonly TriHaRdRule Rule = new() { Tolerance = TimeSpan.FromMilliseconds(50) };

    [Fact]
    public async Task Skewed_node_is_excluded_within_bounded_rounds_signing_goes_on_and_it_rejoins_after_the_skew_is_removed()
    {
        // TriHaRd alone (no NTS servers), so the peer-median rule is what excludes and readmits
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { NtsServers = [] });
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var skewed = cluster[N4];

        var skew = TimeSpan.FromSeconds(2);
        await cluster.InjectAsync(new InjectFault(N4, FaultKind.ClockSkew, (long)skew.TotalMicroseconds, []));
        // The rule's promise: a round whose probes' delay cannot explain the skew is bad, and ExcludeAfter
        // bad rounds in a row exclude. The median probe reads the 2 s to within its RTT/2 (the uncertainty u),
        // so |deviation| ≥ 2 s − u and the round is bad for sure when 2 s − 2u exceeds the tolerance. A round
        // under load whose delay could explain it (or with too few probes) honestly can't tell and restarts
        // the count, so rounds are bounded by what they could see.
        var at = cluster.Nodes.ToList().IndexOf(skewed);
        var rounds = 0;
        ClockVerdict? last = null;
        while (skewed.Context.ClockHealthy)
        {
            Assert.True(++rounds <= 10 * Rule.ExcludeAfter, "not excluded within the bounded number of probe rounds");
            last = (await cluster.ProbeRoundAsync())[at];
            if (last.Conclusive && 2 * last.Uncertainty + Rule.Tolerance < skew)
                Assert.True(last.Bad, $"a round that could see the skew was judged good: deviation {last.DeviationFromPeers}, uncertainty {last.Uncertainty}");
        }
        Assert.True(last is { ExcludedNow: true, Bad: true }, "excluded by a bad round");
        Assert.Equal(Rule.ExcludeAfter, last!.ConsecutiveBad);
        Assert.All(cluster.Nodes.Where(n => n.Id != N4), n => Assert.True(n.Context.ClockHealthy));

        // Signing goes on with the others, never with n4; n4 itself refuses to coordinate.
        foreach (var coordinator in new[] { N1, N2 })
        {
            var items = Requests.Batch(10);
            var signed = TestCluster.SignedOrFail(await cluster.SignAsync(coordinator, 1, items));
            Assert.DoesNotContain(N4, signed.Signers);
            for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
        }
        var refused = Assert.IsType<SigningFailed>(await cluster.SignAsync(N4, 1, Requests.Batch(1)));
        Assert.True(refused.Retryable);
        Assert.Contains("clock", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(SigningFailureReason.ClockExcluded, refused.Reason);
        Assert.True(skewed.Context.Vault.Holds(1), "an excluded node keeps its share");

        // Skew removed: consecutive good rounds readmit it, and it coordinates again.
        await cluster.InjectAsync(new InjectFault(N4, FaultKind.Clear, 0, []));
        rounds = 0;
        var conclusive = 0;
        while (!skewed.Context.ClockHealthy)
        {
            Assert.True(++rounds <= 10 * Rule.ReadmitAfter, "not readmitted within the bounded number of probe rounds");
            last = (await cluster.ProbeRoundAsync())[at];
            // with the skew gone every conclusive round is good; one with too few probes changes nothing
            if (last.Conclusive)
            {
                Assert.False(last.Bad, $"a round after the skew was removed was judged bad: deviation {last.DeviationFromPeers}");
                conclusive++;
            }
        }
        Assert.Equal(Rule.ReadmitAfter, conclusive);
        var again = Requests.Batch(5);
        var back = TestCluster.SignedOrFail(await cluster.SignAsync(N4, 1, again));
        Assert.Contains(N4, back.Signers);
        for (int i = 0; i < again.Count; i++) Requests.VerifyIndependently(back.Tokens[i], again[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task Skewed_node_heartbeat_reports_an_offset_near_the_injected_skew()
    {
        await using var cluster = await TestCluster.StartAsync();
        var skew = TimeSpan.FromSeconds(2);
        Assert.Null(cluster[N4].Heartbeat().ClockOffsetMicroseconds);

        await cluster.InjectAsync(new InjectFault(N4, FaultKind.ClockSkew, (long)skew.TotalMicroseconds, []));
        var longestRound = TimeSpan.Zero;
        for (int i = 0; i < Rule.ExcludeAfter; i++)
        {
            var round = Stopwatch.StartNew();
            await cluster.ProbeRoundAsync();
            if (round.Elapsed > longestRound) longestRound = round.Elapsed;
        }

        // this heartbeat is what the control plane turns into ClockViolation(offset, rtt)
        var beat = cluster[N4].Heartbeat();
        Assert.False(beat.ClockHealthy);
        AssertMeasures(beat, skew, longestRound);
        AssertMeasures(cluster[N1].Heartbeat(), TimeSpan.Zero, longestRound);
    }

    /// <summary>
    /// A heartbeat's offset is the true one (the injected skew) as far as its own uncertainty and the
    /// rule's tolerance allow — TriHaRd's own test for a good round —, and the uncertainty (half the
    /// RTT of the probe whose offset was the median) is no more than half the longest probe round took. The probes' RTTs are real
    /// in-process bus time: a fixed 50 ms window on either failed when load slowed the bus past 100 ms.
    /// </summary>
    private static void AssertMeasures(NodeAnnounced beat, TimeSpan truth, TimeSpan longestRound)
    {
        var offset = Assert.NotNull(beat.ClockOffsetMicroseconds);
        var uncertainty = Assert.NotNull(beat.ClockUncertaintyMicroseconds);
        Assert.InRange(uncertainty, 0, longestRound.TotalMicroseconds / 2);
        Assert.True(Math.Abs(offset - truth.TotalMicroseconds) <= uncertainty + Rule.Tolerance.TotalMicroseconds,
            $"{beat.Node}: offset {offset:F0} µs ± {uncertainty:F0} µs is more than the {Rule.Tolerance.TotalMilliseconds} ms tolerance from the true {truth.TotalMicroseconds:F0} µs");
    }

    [Fact]
    public async Task Probe_rounds_of_a_healthy_fleet_exclude_nobody()
    {
        await using var cluster = await TestCluster.StartAsync();
        for (int i = 0; i < Rule.ExcludeAfter + 1; i++)
        {
            var verdicts = await cluster.ProbeRoundAsync();
            Assert.All(verdicts, v => Assert.True(v.Conclusive && !v.Bad && !v.Excluded));
        }
    }

    [Fact]
    public async Task Skewed_node_fails_its_NTS_check_at_once_and_stops_signing_without_waiting_for_probe_rounds()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.DkgAndCertifyAsync(1);
        await cluster.InjectAsync(new InjectFault(N4, FaultKind.ClockSkew, (long)TimeSpan.FromSeconds(3).TotalMicroseconds, []));

        Assert.False(cluster[N4].Context.ClockHealthy);
        var refused = Assert.IsType<SigningFailed>(await cluster.SignAsync(N4, 1, Requests.Batch(1)));
        Assert.Contains("clock", refused.Detail, StringComparison.Ordinal);
        Assert.Equal(SigningFailureReason.ClockExcluded, refused.Reason);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(3)));
        Assert.DoesNotContain(N4, signed.Signers);
    }

    [Fact]
    public async Task Three_nodes_skewed_together_cannot_issue_a_token_with_a_wrong_time()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.DkgAndCertifyAsync(1);
        var skew = TimeSpan.FromSeconds(3);
        foreach (var node in new[] { N1, N2, N3 })
            await cluster.InjectAsync(new InjectFault(node, FaultKind.ClockSkew, (long)skew.TotalMicroseconds, []));

        // the skewed majority would agree among themselves (and fool the TriHaRd median); NTS stops each of them
        foreach (var coordinator in new[] { N1, N2, N3, N4, N5 })
        {
            var outcome = await cluster.SignAsync(coordinator, 1, Requests.Batch(2));
            var failed = Assert.IsType<SigningFailed>(outcome);
            Assert.DoesNotContain("granted", failed.Detail, StringComparison.OrdinalIgnoreCase);
        }
    }
}
