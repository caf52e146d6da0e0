using CcTsa.Contracts.Limits;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 13: no bound on the item count let one message pin a node's CPU and drain its nonces. A
/// coordinator refuses a SignTimestampBatch over the limit with the typed reason TooLarge, and a
/// participant refuses an oversized ProduceSignatureShares before looking at any item, even from an
/// authenticated (compromised) coordinator; neither crashes.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public class OversizedBatchTests(CertifiedFleet fleet)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    [Fact]
    public async Task Oversized_SignTimestampBatch_is_refused_as_TooLarge_and_the_node_signs_on()
    {
        var cluster = fleet.Cluster;
        var oversized = Requests.Batch(SignerNodeOptions.MaxBatchItems + 1);
        var failed = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, oversized));
        Assert.Equal(SigningFailureReason.TooLarge, failed.Reason);
        Assert.False(failed.Retryable);
        Assert.Contains($"{SignerNodeOptions.MaxBatchItems}", failed.Detail, StringComparison.Ordinal);

        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(SignerNodeOptions.MaxBatchItems)));
    }

    [Fact]
    public async Task Oversized_ProduceSignatureShares_from_a_compromised_coordinator_is_refused_with_its_reason()
    {
        var (cluster, consumed) = (fleet.Cluster, fleet.Consumed);
        var item = new ShareItem([1, 2, 3], [4, 5, 6], [new byte[64], new byte[64], new byte[64]]);
        var forged = new ProduceSignatureShares(RoundId.New(), N1, N2, new KeyEpoch(1), [N1, N2, NodeId.Parse("n3")], "rfc3161",
            [.. Enumerable.Repeat(item, SignerNodeOptions.MaxBatchItems * 40)]);
        // sent by n1 itself (a compromised coordinator, so the message passes sender authentication:
        // the relay's own unsigned copy would be dropped before any check, see ForgedPeerMessageTests)
        Assert.True(await cluster[N1].Context.Messenger.SendAsync(N2, forged));

        var refused = await consumed.WaitAsync<SignatureSharesRefused>(r => r.Round == forged.Round, 1);
        Assert.Equal(N2, refused[0].Participant);
        Assert.Contains("too many items", refused[0].Reason, StringComparison.Ordinal);
        Assert.False(refused[0].StaleCommitments);

        // the participant is unharmed: it still co-signs a normal batch
        TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(3), avoid: [NodeId.Parse("n4"), NodeId.Parse("n5")]));
    }

    [Fact]
    public void The_limit_is_the_one_the_control_plane_batches_to()
    {
        Assert.Equal(SigningLimits.MaxBatchItems, SignerNodeOptions.MaxBatchItems);
        Assert.True(SignerNodeOptions.OwnCoordinationReserve >= SignerNodeOptions.MaxBatchItems);
    }
}
