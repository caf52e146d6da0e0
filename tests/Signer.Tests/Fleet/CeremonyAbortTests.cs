using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// A ceremony the control plane aborted (e.g. a restarted control plane closing what its
/// predecessor left open) is abandoned by its participants at once, long before their own
/// ceremony timeout, and a new ceremony then runs normally.
/// </summary>
[Collection(FleetCollection.Name)]
public class CeremonyAbortTests
{
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task AbortCeremony_stuck_dkg_is_abandoned_without_an_answer_and_a_new_one_completes()
    {
        // timeouts far beyond the test's patience: only the abort can end the stuck runs
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { CeremonyTimeout = TimeSpan.FromHours(1) });
        await cluster.KillAsync(N5);
        var live = TestCluster.All.Where(n => n != N5).ToList();

        var stuck = CeremonyId.New();
        await cluster.Bus.Publish(new BeginCeremony(stuck, CeremonyKind.Dkg, new KeyEpoch(1), TestCluster.Threshold, TestCluster.All, null));
        await UntilAsync(() => live.All(n => cluster[n].OpenCeremonyRuns == 1));

        await cluster.Bus.Publish(new AbortCeremony(stuck, "control plane restarted mid-ceremony"));
        await UntilAsync(() => live.All(n => cluster[n].OpenCeremonyRuns == 0));
        Assert.DoesNotContain(cluster.Ceremonies.Items, f => f.Ceremony == stuck);

        await cluster.StartNodeAsync(N5);
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        Assert.Single(finished.Select(f => Convert.ToHexString(f.GroupPublicKey!)).Distinct());
        Assert.All(cluster.Nodes, n => Assert.Equal(0, n.OpenCeremonyRuns));
    }

    /// <summary>Bounded polling (a safety net against hangs, not a timing assertion).</summary>
    private static async Task UntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
        while (!condition()) await Task.Delay(TimeSpan.FromMilliseconds(20), cts.Token);
    }
}
