using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Tests.Adversary;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The warm presignature stock: every coordinator keeps a reserve for each of its six signer
/// subsets (not only the one in use), so after two nodes are lost the one surviving subset signs
/// from stock instead of presigning on the request's path.
/// </summary>
[Collection(FleetCollection.Name)]
public class PresignatureWarmStockTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");
    private const int Reserve = 2;

    [Fact]
    public async Task Every_coordinator_stocks_all_six_subsets_and_the_survivors_of_a_two_node_loss_sign_from_stock()
    {
        await using var cluster = await TestCluster.StartAsync(customize: (_, o) => o with
        {
            PresignReserve = Reserve,
            PresignWarmInterval = TimeSpan.FromMilliseconds(200),
        });
        await cluster.DkgAndCertifyAsync(1);
        await Ecdsa.EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);

        foreach (var node in cluster.Nodes)
        {
            var peers = TestCluster.All.Where(p => p != node.Id).ToList();
            var subsets = SubsetSelector.Subsets(peers, TestCluster.Threshold - 1).ToList();
            Assert.Equal(6, subsets.Count);
            await Eventually.TrueAsync(() => subsets.All(s => node.Context.Presignatures.Count(1, s) >= Reserve),
                $"{node.Id} holds {Reserve} presignatures for each of its six subsets");
        }
        Assert.True(cluster[N2].Context.Presignatures.Count(1, [N3, N5]) >= Reserve);

        await cluster.KillAsync(N1);
        await cluster.KillAsync(N4);
        // the lowest surviving coordinator signs at once with the one subset left, whose stock was made before the loss
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", Ecdsa.EcdsaKeyCeremonyTests.Key(cluster[N2], 1).PublicKey.EncodeUncompressed());
        var signed = Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N2, 1, "csr", info, avoid: [N1, N4], scheme: "ecdsa-p384"));
        Assert.Equal([N2, N3, N5], signed.Signers.OrderBy(n => n.Index));
    }
}
