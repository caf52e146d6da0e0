namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// A genTime that reaches a participant too old (a loaded host, a slow bus) is not that
/// participant's fault: the coordinator stamps again and retries with the same peer, and leaves it
/// out only when it is late a second time — never naming it a culprit.
/// </summary>
[Collection(FleetCollection.Name)]
public class LateGenTimeTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    /// <summary>The system clock, <paramref name="ahead"/> later: every genTime reaches this node that much older.</summary>
    private sealed class AheadTime(TimeSpan ahead) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + ahead;
    }

    [Fact]
    public async Task A_participant_that_keeps_finding_the_gentime_too_old_is_retried_once_then_left_out_and_never_blamed()
    {
        // n3's clock runs 5 s ahead of the others: more than accuracy (1 s) + network allowance (1 s)
        await using var cluster = await TestCluster.StartAsync(customize: (id, o) => id == N3 ? o with { Time = new AheadTime(TimeSpan.FromSeconds(5)) } : o);
        await cluster.DkgAndCertifyAsync(1);
        var refusedBefore = cluster[N3].SigningRefusals.ForReason(CcTsa.Signer.Participants.SigningRefusals.GenTime);

        // avoiding n2 and n5 makes {n3, n4} the subset of attempts 1 and 2 (stamped again), which find n3 late; attempt 3
        // signs without it. Avoiding n2 alone left attempt 2's subset to the peers' commitment stock: when n4's refill
        // came back before n3's, {n4, n5} had more and n3 was not asked again (one CI, 2026-12-07)
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2), avoid: [N2, N5]));

        Assert.DoesNotContain(N3, signed.Signers);
        Assert.Equal(2, cluster[N3].SigningRefusals.ForReason(CcTsa.Signer.Participants.SigningRefusals.GenTime) - refusedBefore);
    }
}
