using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Sharing;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The raw-message (CSR) path runs through the same pipeline as time-stamp batches: the same
/// restock of stale commitments, the same below-quorum value and the same <see cref="SigningFailed"/> reply.
/// </summary>
[Collection(FleetCollection.Name)]
public class RawSigningTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    private static byte[] CsrInfo(byte[] groupKey) => new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", groupKey).ToBeSigned.ToArray();

    private static RawMessageSigned SignedOrFail(object outcome) => outcome switch
    {
        RawMessageSigned signed => signed,
        SigningFailed failed => throw new Xunit.Sdk.XunitException($"CSR not signed by {failed.Coordinator}: {failed.Reason}: {failed.Detail}"),
        _ => throw new Xunit.Sdk.XunitException($"unexpected answer {outcome}"),
    };

    /// <summary>Ed25519 verification by BouncyCastle, independent of our own code.</summary>
    private static bool Verifies(byte[] groupKey, byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(groupKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    [Fact]
    public async Task Csr_is_signed_by_t_nodes_and_verifies_under_the_group_key()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var info = CsrInfo(groupKey);
        var signed = SignedOrFail(await cluster.SignRawAsync(N2, 1, "csr", info, avoid: [N1]));
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        Assert.DoesNotContain(N1, signed.Signers);
        Assert.True(Verifies(groupKey, info, signed.Signature));
    }

    [Fact]
    public async Task Csr_with_stale_commitments_after_a_pool_replacement_is_restocked_not_held_against_the_peer()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        SignedOrFail(await cluster.SignRawAsync(N1, 1, "csr", CsrInfo(groupKey), avoid: [N4, N5]));
        // n2 and n3 get a fresh nonce pool (as a refresh does) while n1 still holds their old commitments
        foreach (var peer in new[] { N2, N3 })
        {
            var node = cluster[peer];
            var publicKeys = node.Context.Vault.PublicKeys(1)!;
            var key = KeyPackage.FromShare(ParticipantId.FromNode(peer), Scalar.From(FleetScenarios.ShareBytes(node, 1)), publicKeys.VerifyingKey, TestCluster.Threshold);
            node.Context.Vault.Store(1, key, publicKeys);
        }
        var info = CsrInfo(groupKey);
        var signed = SignedOrFail(await cluster.SignRawAsync(N1, 1, "csr", info, avoid: [N4, N5]));
        Assert.Equal([N1, N2, N3], signed.Signers.OrderBy(n => n.Index));
        Assert.True(Verifies(groupKey, info, signed.Signature));
    }

    [Fact]
    public async Task Csr_below_quorum_is_a_SigningFailed_value_naming_the_reason()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        NodeId[] small = [N1, N2];
        NodeId[] large = [N3, N4, N5];
        foreach (var n in small) await cluster.InjectAsync(new InjectFault(n, FaultKind.DropPeers, 0, large));
        foreach (var n in large) await cluster.InjectAsync(new InjectFault(n, FaultKind.DropPeers, 0, small));

        var failed = Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N1, 1, "csr", CsrInfo(groupKey)));
        Assert.Equal(SigningFailureReason.BelowQuorum, failed.Reason);
        Assert.False(failed.Retryable);
        Assert.Equal(N1, failed.Coordinator);
        Assert.Contains("below quorum", failed.Detail, StringComparison.Ordinal);
        // the other side of the partition still signs the same CSR
        SignedOrFail(await cluster.SignRawAsync(N3, 1, "csr", CsrInfo(groupKey)));
    }

    [Fact]
    public async Task Raw_and_batch_failures_share_one_reply_type_with_typed_reasons()
    {
        await using var cluster = await TestCluster.StartAsync();
        var groupKey = await cluster.DkgAndCertifyAsync(1);

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
