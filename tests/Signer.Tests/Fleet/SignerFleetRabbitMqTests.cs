using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The same flows on a real RabbitMQ broker (TestServices: a container, or CCTSA_AMQP). Queue and
/// exchange names are unique to each run, queues are deleted when the nodes disconnect.
/// </summary>
[Collection(FleetCollection.Name)]
public class SignerFleetRabbitMqTests
{
    [Fact]
    public async Task Dkg_then_1000_signatures_on_RabbitMQ_all_verify_independently()
    {
        await using var cluster = await TestCluster.StartAsync(await TestServices.RabbitMqAsync());
        await FleetScenarios.ThousandSignaturesAsync(cluster);
    }

    [Fact]
    public async Task Ecdsa_presigning_and_tokens_on_RabbitMQ_verify_with_dotnet_and_openssl()
    {
        var (cluster, _) = await EcdsaSigningTests.EcdsaFleetAsync(certify: true, await TestServices.RabbitMqAsync());
        await using var __ = cluster;
        var items = Requests.Batch(3, seed: 9);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(NodeId.Parse("n1"), 1, items, policy: CcTsa.Crypto.Pki.TsaPolicies.EcdsaP384.Oid));
        var certificate = cluster[NodeId.Parse("n1")].Context.Certificates.For(1, "ecdsa-p384")!.Certificate.Der.ToArray();
        for (var i = 0; i < items.Count; i++)
            await TokenChecks.VerifyAsync(signed.Tokens.Single(t => t.RequestId == items[i].RequestId), items[i], BitConverter.GetBytes(9 + i), certificate, cluster.Ca.CertificateDer);
    }

    [Fact]
    public async Task Repair_on_RabbitMQ_restores_a_restarted_node()
    {
        await using var cluster = await TestCluster.StartAsync(await TestServices.RabbitMqAsync());
        await FleetScenarios.RepairAsync(cluster);
    }

    [Fact]
    public async Task Refresh_on_RabbitMQ_keeps_the_group_key()
    {
        await using var cluster = await TestCluster.StartAsync(await TestServices.RabbitMqAsync());
        await FleetScenarios.RefreshAsync(cluster);
    }
}
