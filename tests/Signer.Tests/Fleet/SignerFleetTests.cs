using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>Five nodes on the MassTransit in-memory bus: the protocol flows end to end.</summary>
[Collection(FleetCollection.Name)]
public class SignerFleetTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Dkg_then_1000_signatures_in_batches_all_verify_independently()
    {
        await using var cluster = await TestCluster.StartAsync();
        await FleetScenarios.ThousandSignaturesAsync(cluster);
    }

    [Fact]
    public async Task Repair_gives_a_restarted_node_its_share_back_under_the_same_group_key()
    {
        await using var cluster = await TestCluster.StartAsync();
        await FleetScenarios.RepairAsync(cluster);
    }

    [Fact]
    public async Task Refresh_keeps_the_group_key_and_makes_old_shares_useless()
    {
        await using var cluster = await TestCluster.StartAsync();
        await FleetScenarios.RefreshAsync(cluster);
    }

    [Fact]
    public async Task Partition_two_side_coordinator_fails_and_three_side_signs()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        NodeId[] small = [N1, N2];
        NodeId[] large = [N3, N4, N5];
        foreach (var n in small) await cluster.InjectAsync(new InjectFault(n, FaultKind.DropPeers, 0, large));
        foreach (var n in large) await cluster.InjectAsync(new InjectFault(n, FaultKind.DropPeers, 0, small));

        var failed = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, Requests.Batch(5)));
        Assert.Contains("below quorum", failed.Detail, StringComparison.Ordinal);
        Assert.False(failed.Retryable);

        var items = Requests.Batch(5);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N3, 1, items));
        Assert.Equal(large.ToHashSet(), signed.Signers.ToHashSet());
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);

        // Healing needs no ceremony: clear the drops and the small side signs again.
        foreach (var n in TestCluster.All) await cluster.InjectAsync(new InjectFault(n, FaultKind.Clear, 0, []));
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(3)));
    }

    [Fact]
    public async Task Coordinator_prefers_to_leave_the_nodes_to_avoid_out_and_names_silent_ones_when_it_fails()
    {
        // the peer deadline pinned to the round timeout: at the 250 ms default floor a live n4 or n5
        // slowed by load was given up on and an avoided node stood in, which is not what is checked here
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { PeerDeadlineFloor = o.RoundTimeout });
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var items = Requests.Batch(3);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, avoid: [N2, N3]));
        Assert.Equal([N1, N4, N5], signed.Signers.OrderBy(n => n.Index));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);

        // avoid is a preference: with n2, n3 avoided and n5 dead, n5 times out and n1 falls back to
        // avoided nodes rather than refusing below quorum (a coordinator suspected only
        // because it waited for dead peers must not leave an honest side unable to sign)
        await cluster.KillAsync(N5);
        var fallback = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N2, N3]));
        // which avoided node stands in depends on the peers' commitment stock at that moment (n2 or n3)
        Assert.Contains(fallback.Signers, n => n == N2 || n == N3);
        Assert.Equal(TestCluster.Threshold, fallback.Signers.Count);
        Assert.DoesNotContain(N5, fallback.Signers);

        // with every peer dead it fails and names the silent ones, avoided or not
        await cluster.KillAsync(N2);
        await cluster.KillAsync(N3);
        await cluster.KillAsync(N4);
        var failed = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N2, N3]));
        Assert.NotEmpty(failed.Unresponsive);
        Assert.All(failed.Unresponsive, n => Assert.Contains(n, new[] { N2, N3, N4, N5 }));
        Assert.Empty(failed.Culprits);
    }

    [Fact]
    public async Task Stale_commitments_after_a_pool_replacement_are_restocked_not_held_against_the_peer()
    {
        // the peer deadline pinned to the round timeout: only a stale commitment held against n2 or n3,
        // not a live peer slowed by load past the 250 ms default floor, may bring in an avoided node
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { PeerDeadlineFloor = o.RoundTimeout });
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N4, N5]));
        // n2 and n3 get a fresh nonce pool (as a refresh does) while n1 still holds their old commitments
        foreach (var peer in new[] { N2, N3 })
        {
            var node = cluster[peer];
            var publicKeys = node.Context.Vault.PublicKeys(1)!;
            var key = KeyPackage.FromShare(ParticipantId.FromNode(peer), Scalar.From(FleetScenarios.ShareBytes(node, 1)), publicKeys.VerifyingKey, TestCluster.Threshold);
            node.Context.Vault.Store(1, key, publicKeys);
        }
        var items = Requests.Batch(3);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, avoid: [N4, N5]));
        Assert.Equal([N1, N2, N3], signed.Signers.OrderBy(n => n.Index));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task Signer_gone_mid_flight_is_replaced_by_another_subset()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N4, N5]));
        // n2 dies without telling anyone: n1 still believes it attested and picks it first (n4, n5 avoided).
        await cluster.KillAsync(N2);
        var items = Requests.Batch(4);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, avoid: [N4, N5]));
        Assert.DoesNotContain(N2, signed.Signers);
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        // and the answer names it, so the control plane steers every coordinator's next batches away from it
        Assert.Equal([N2], signed.Unresponsive);
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task A_peer_left_out_as_quiet_is_named_unresponsive_in_the_signed_answer()
    {
        // n1 probes its peers every 200 ms (the others are driven by the test, so never look quiet to anyone)
        await using var cluster = await TestCluster.StartAsync(customize: (id, o) => id == N1 ? o with { ProbeInterval = TimeSpan.FromMilliseconds(200) } : o);
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        await cluster.KillAsync(N2);
        var n1 = cluster[N1].Context;
        for (var waited = 0; !n1.Peers.Snapshot().Any(p => p.Node == N2 && n1.Quiet(p)); waited += 100)
        {
            Assert.True(waited < 30_000, "n2 never looked quiet to n1 after it was killed");
            await Task.Delay(100);
        }

        // n1 leaves n2 out without trying it, and says so: the control plane then stops sending n2 batches to coordinate
        var items = Requests.Batch(3);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items));
        Assert.DoesNotContain(N2, signed.Signers);
        Assert.Contains(N2, signed.Unresponsive!);
        Assert.All(signed.Unresponsive!, n => Assert.DoesNotContain(n, signed.Signers));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task Retry_after_a_silent_peer_stamps_the_time_it_really_signs_at()
    {
        // the peer deadline pinned to the round timeout: the retry comes a full round timeout later
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { PeerDeadlineFloor = o.RoundTimeout });
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        // n2 silently ignores n1: n1 still sees it as reachable, waits a round timeout, then retries without it
        await cluster.InjectAsync(new InjectFault(N2, FaultKind.DropPeers, 0, [N1]));
        var items = Requests.Batch(3);
        var sentAt = DateTimeOffset.UtcNow;
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items));
        Assert.DoesNotContain(N2, signed.Signers);
        var waited = sentAt + cluster[N1].Context.Options.RoundTimeout - TimeSpan.FromMilliseconds(100);
        Assert.All(signed.Tokens, t => Assert.True(t.GenTime >= waited, $"genTime {t.GenTime:O} is the failed attempt's, not the retry's (sent {sentAt:O})"));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task Silent_peer_is_given_up_on_at_the_short_peer_deadline_not_the_round_timeout()
    {
        // issue 14 item 3: a coordinator used to wait the whole round timeout for a peer that does not
        // answer (5 s in production). With a spare peer to stand in, it gives up at the adaptive peer
        // deadline (floor 100 ms here) and re-plans. The round timeout is 10 minutes: the old behaviour
        // could not finish within the 60 s this test allows.
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with
        {
            RoundTimeout = TimeSpan.FromMinutes(10),
            PeerDeadlineFloor = TimeSpan.FromMilliseconds(100),
        });
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2)));
        var deadline = cluster[N1].Context.PeerDeadline.Current;
        Assert.True(deadline < TimeSpan.FromMinutes(1), $"the peer deadline adapts to answers, far below the round timeout: {deadline}");

        // n2 silently ignores n1: n1 still sees it as reachable and picks it first (ties go to the lower index)
        await cluster.InjectAsync(new InjectFault(N2, FaultKind.DropPeers, 0, [N1]));
        var items = Requests.Batch(3);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.DoesNotContain(N2, signed.Signers);
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    [Fact]
    public async Task Participant_refuses_a_genTime_far_from_its_clock()
    {
        // without NTS servers the skewed coordinator still believes its clock: the participants must catch it
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { NtsServers = [] });
        await cluster.DkgAndCertifyAsync(1);
        // Skew the coordinator by far more than accuracy + window: every participant refuses its genTime.
        await cluster.InjectAsync(new InjectFault(N1, FaultKind.ClockSkew, (long)TimeSpan.FromMinutes(5).TotalMicroseconds, []));
        var failed = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, Requests.Batch(2)));
        Assert.True(failed.Retryable);
        Assert.Contains("genTime", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_fault_wipes_the_node_and_the_others_still_sign()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.DkgAndCertifyAsync(1);
        var n4 = cluster[N4];
        await cluster.InjectAsync(new InjectFault(N4, FaultKind.Kill, 0, []));
        Assert.False(n4.Context.Vault.Holds(1));
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N5, 1, Requests.Batch(3)));
        Assert.DoesNotContain(N4, signed.Signers);
    }
}
