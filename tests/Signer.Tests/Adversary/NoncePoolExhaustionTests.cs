using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Participants;
using CcTsa.Signer.Tests.Fleet;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13, M3: RequestNonceCommitments in several coordinators' names, each asking for the most a
/// request may. Since node messages are authenticated the relay's forgeries are dropped outright, so
/// these come from the named coordinators themselves (compromised or buggy nodes, fewer than t). Before the quotas, 20 of them filled every node's
/// 16,384-nonce pool and no coordinator could get commitments again until the share was replaced.
/// Real signer nodes on the in-memory bus.
/// </summary>
[Collection(FleetCollection.Name)]
public class NoncePoolExhaustionTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly IReadOnlyList<NodeId> Forged = [.. new[] { "n2", "n3", "n4", "n5" }.Select(NodeId.Parse)];

    /// <summary>Every (named coordinator, participant) pair, <paramref name="rounds"/> times: 24 forged requests for 2 rounds.</summary>
    private static async Task<int> FloodAsync(TestCluster cluster, int rounds)
    {
        var sent = 0;
        for (int r = 0; r < rounds; r++)
            foreach (var participant in TestCluster.All)
                foreach (var coordinator in Forged.Where(c => c != participant).Take(3))
                {
                    // through the named coordinator's own messenger: authenticated, as a compromised
                    // coordinator would send them (the relay's unsigned forgeries are dropped earlier)
                    await cluster[coordinator].Context.Messenger.SendAsync(participant, new RequestNonceCommitments(coordinator, participant, new KeyEpoch(1), NonceParticipant.MaxPerRequest));
                    sent++;
                }
        return sent;
    }

    private static int Pooled(SignerNode node) => node.Context.Vault.Use(1, s => s.Nonces.Available, out var n) ? n : -1;

    [Fact]
    public async Task Forged_requests_in_several_coordinators_names_do_not_stop_an_honest_coordinator()
    {
        var consumed = new ConsumedMessages();
        // 2 shared cores: the named coordinators parse thousands of forged-for commitments; give rounds room
        await using var cluster = await TestCluster.StartAsync(observe: bus => bus.ConnectReceiveObserver(consumed),
            customize: (_, o) => o with { RoundTimeout = TimeSpan.FromSeconds(20) });
        var groupKey = await cluster.DkgAndCertifyAsync(1);

        bool AnswerToForged(object m) => m is NonceCommitmentsIssued i ? Forged.Contains(i.Coordinator) : m is NonceCommitmentsRefused r && Forged.Contains(r.Coordinator);
        var answeredBefore = consumed.Of<object>().Count(AnswerToForged);
        var sent = await FloodAsync(cluster, rounds: 2);
        Assert.True(sent >= 20);
        await consumed.WaitAsync<RequestNonceCommitments>(m => m.Count == NonceParticipant.MaxPerRequest, sent);
        // and every answer has reached (and been parsed by) the coordinator it names
        await consumed.WaitAsync<object>(AnswerToForged, answeredBefore + sent);

        // every pool keeps the own-coordination reserve free: the flood got at most its quotas
        foreach (var node in cluster.Nodes)
            Assert.InRange(Pooled(node), 0, EpochShare.NoncePoolCapacity - SignerNodeOptions.OwnCoordinationReserve);

        // the honest coordinator lost its stock (as after a restart) and must ask the flooded peers again
        foreach (var peer in TestCluster.All.Where(p => p != N1)) cluster[N1].Context.Stock.Forget(peer);
        var items = Requests.Batch(8);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);

        // the nodes named by the flood coordinate too: their stock came from the flood, and their own nonces from the reserve
        TestCluster.SignedOrFail(await cluster.SignAsync(Forged[0], 1, Requests.Batch(4, seed: 1)));
    }

    [Fact]
    public async Task Request_beyond_the_quota_is_refused_with_a_reason_not_served_from_the_pool()
    {
        var consumed = new ConsumedMessages();
        await using var cluster = await TestCluster.StartAsync(observe: bus => bus.ConnectReceiveObserver(consumed));
        await cluster.DkgAndCertifyAsync(1);
        var sent = await FloodAsync(cluster, rounds: 2);
        await consumed.WaitAsync<RequestNonceCommitments>(m => m.Count == NonceParticipant.MaxPerRequest, sent);

        var before = Pooled(cluster["n3"]);
        await cluster["n2"].Context.Messenger.SendAsync(NodeId.Parse("n3"), new RequestNonceCommitments(NodeId.Parse("n2"), NodeId.Parse("n3"), new KeyEpoch(1), 100));

        var refused = await consumed.WaitAsync<NonceCommitmentsRefused>(r => r.Participant == NodeId.Parse("n3") && r.Coordinator == NodeId.Parse("n2"), 1);
        Assert.Contains("quota", refused[0].Reason, StringComparison.Ordinal);
        Assert.Equal(before, Pooled(cluster["n3"]));
    }
}
