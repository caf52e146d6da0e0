using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Tests.Adversary;
using static CcTsa.Signer.Tests.Fleet.RawSigningTests;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The raw-message (CSR) tests of <see cref="RawSigningTests"/> that only ask a certified fleet to
/// sign (or refuse) and change nothing in it, so they share the adversary classes' fleet instead of a
/// cluster start and DKG each.
/// </summary>
[Collection(CertifiedFleet.Collection)]
public class RawSigningOnCertifiedFleetTests(CertifiedFleet fleet)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    [Fact]
    public async Task Csr_is_signed_by_t_nodes_and_verifies_under_the_group_key()
    {
        var (cluster, groupKey) = (fleet.Cluster, fleet.GroupKey);
        var info = CsrInfo(groupKey);
        var signed = SignedOrFail(await cluster.SignRawAsync(N2, 1, "csr", info, avoid: [N1]));
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        Assert.DoesNotContain(N1, signed.Signers);
        Assert.True(Verifies(groupKey, info, signed.Signature));
    }

    [Fact]
    public async Task Raw_and_batch_failures_share_one_reply_type_with_typed_reasons()
    {
        var (cluster, groupKey) = (fleet.Cluster, fleet.GroupKey);

        // a CSR for some other key is refused by the coordinator before any peer is asked
        var otherKey = new byte[32];
        otherKey[0] = 9;
        var wrongKey = Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N1, 1, "csr", CsrInfo(otherKey)));
        Assert.Equal(SigningFailureReason.RequestRefused, wrongKey.Reason);
        Assert.False(wrongKey.Retryable);
        Assert.Contains("group key", wrongKey.Detail, StringComparison.Ordinal);

        var unknown = Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N1, 1, "anything", CsrInfo(groupKey)));
        Assert.Equal(SigningFailureReason.RequestRefused, unknown.Reason);

        // an epoch nobody holds: the same reply type, retryable elsewhere
        var noEpoch = Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N1, 7, "csr", CsrInfo(groupKey)));
        Assert.Equal(SigningFailureReason.EpochUnavailable, noEpoch.Reason);
        Assert.True(noEpoch.Retryable);

        var emptyBatch = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, []));
        Assert.Equal(SigningFailureReason.RequestRefused, emptyBatch.Reason);
        Assert.False(emptyBatch.Retryable);
        Assert.Empty(emptyBatch.Culprits);
        Assert.Empty(emptyBatch.Unresponsive);
    }
}
