using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Framing an honest node: a compromised n2 receives a valid share from honest n1 and, instead of
/// accepting, complains about it — with n1's genuine signed delivery and its own genuine ceremony
/// key, the strongest evidence it can bring. Every other node opens the share, finds it valid
/// against n1's commitment and names n2 (false accusation); no outcome names n1, so nothing can
/// exclude it.
/// </summary>
[Collection(FleetCollection.Name)]
public class FalseComplaintTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    [Fact]
    public async Task A_false_complaint_names_the_complainer_and_never_the_honest_sender()
    {
        await using var cluster = await TestCluster.StartAsync();
        var begin = new BeginCeremony(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), 3, TestCluster.All, null);
        var complained = 0;
        cluster[N2].Context.Messenger.Compromised = (to, message) =>
        {
            if (message is not CeremonySharesAccepted accepted || accepted.Ceremony != begin.Ceremony) return message;
            var run = cluster[N2].Dkg.OpenRun(begin.Ceremony)!;
            var delivery = run.SealedRound2[N1];
            Interlocked.Increment(ref complained);
            return new CeremonyComplaintFiled(begin.Ceremony, begin.Kind, N2, N1, delivery.Message, delivery.Sequence, delivery.Signature,
                run.CeremonyKeys!.RevealForComplaint());
        };

        await cluster.Bus.Publish(begin);
        var judges = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony && f.Node != N2, 4);

        Assert.Equal(1, complained);
        Assert.All(judges, f => Assert.False(f.Ok));
        Assert.All(judges, f => Assert.Equal([N2], f.Culprits));
        Assert.All(judges, f => Assert.Contains("false accusation", f.Error, StringComparison.Ordinal));
        // whatever the compromised node reports for itself, no outcome at all names n1
        var all = await cluster.Ceremonies.WaitAsync(f => f.Ceremony == begin.Ceremony, 5);
        Assert.DoesNotContain(all, f => f.Culprits.Contains(N1));
        Assert.All(cluster.Nodes.Where(n => n.Id != N2), n => Assert.False(n.Context.Vault.Holds(1)));
    }
}
