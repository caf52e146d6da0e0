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
/// The tests that only sign on a certified fleet are in <see cref="RawSigningOnCertifiedFleetTests"/>.
/// </summary>
[Collection(FleetCollection.Name)]
public class RawSigningTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    internal static byte[] CsrInfo(byte[] groupKey) => new CsrBuilder("CN=CC-TSA Ed25519 epoch 1,O=CC-TSA", groupKey).ToBeSigned.ToArray();

    internal static RawMessageSigned SignedOrFail(object outcome) => outcome switch
    {
        RawMessageSigned signed => signed,
        SigningFailed failed => throw new Xunit.Sdk.XunitException($"CSR not signed by {failed.Coordinator}: {failed.Reason}: {failed.Detail}"),
        _ => throw new Xunit.Sdk.XunitException($"unexpected answer {outcome}"),
    };

    /// <summary>Ed25519 verification by BouncyCastle, independent of our own code.</summary>
    internal static bool Verifies(byte[] groupKey, byte[] message, byte[] signature)
    {
        var verifier = new Ed25519Signer();
        verifier.Init(false, new Ed25519PublicKeyParameters(groupKey));
        verifier.BlockUpdate(message, 0, message.Length);
        return verifier.VerifySignature(signature);
    }

    [Fact]
    public async Task Csr_with_stale_commitments_after_a_pool_replacement_is_restocked_not_held_against_the_peer()
    {
        // the peer deadline pinned to the round timeout: only a stale commitment held against n2 or n3,
        // not a live peer slowed by load past the 250 ms default floor, may bring in an avoided node
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with { PeerDeadlineFloor = o.RoundTimeout });
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
}
