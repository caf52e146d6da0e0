using CcTsa.Testing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The same flows on a real RabbitMQ broker (TestServices: a container, or CCTSA_AMQP). Queue and
/// exchange names are unique to each run, queues are deleted when the nodes disconnect.
/// </summary>
public class SignerFleetRabbitMqTests
{
    [Fact]
    public async Task Dkg_then_1000_signatures_on_RabbitMQ_all_verify_independently()
    {
        await using var cluster = await TestCluster.StartAsync(await TestServices.RabbitMqAsync());
        await FleetScenarios.ThousandSignaturesAsync(cluster);
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
