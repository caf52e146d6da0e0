using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.Scenarios.Foundation;

/// <summary>
/// MassTransit over a real RabbitMQ broker (never the in-memory transport): publish/consume,
/// request/response with the timestamp contracts, and the signer's bus (SignerBus over the same
/// BusSetup) talking to the control plane's. Every wait is bounded; a timeout fails the test.
/// </summary>
public class RabbitMqBusTests
{
    private static async Task<Uri> BrokerAsync() => new(await TestServices.RabbitMqAsync());

    [Fact]
    public async Task Published_message_is_consumed_over_rabbitmq()
    {
        var inbox = new PingInbox();
        await using var bus = await BusHost.ControlPlaneAsync(await BrokerAsync(),
            x => x.AddConsumer<FoundationPingedConsumer>(), s => s.AddSingleton(inbox));

        var sent = new FoundationPinged(Guid.NewGuid(), "hello over amqp");
        await bus.Publisher.Publish(sent);

        Assert.Equal(sent, await inbox.Received.Task.WaitAsync(BusHost.Bound));
    }

    [Fact]
    public async Task Timestamp_request_round_trips_over_rabbitmq_to_issued_or_rejected()
    {
        await using var bus = await BusHost.ControlPlaneAsync(await BrokerAsync(), x =>
        {
            x.AddConsumer<EchoTimestampConsumer>();
            x.AddRequestClient<TimestampRequested>(RequestTimeout.After(s: 30));
        });
        var client = bus.Client<TimestampRequested>();

        var request = new TimestampRequested(Guid.NewGuid(), [0x30, 0x05, 0x02, 0x01, 0x01, 0x30, 0x00]);
        var granted = await client.GetResponse<TimestampIssued, TimestampRejected>(request);
        Assert.True(granted.Is(out Response<TimestampIssued>? issued));
        Assert.Equal(request.RequestId, issued.Message.RequestId);
        Assert.Equal(request.Request.Reverse(), issued.Message.Response);
        Assert.Equal(request.RequestId, issued.CorrelationId); // BusSetup's correlation convention

        var empty = new TimestampRequested(Guid.NewGuid(), []);
        var refused = await client.GetResponse<TimestampIssued, TimestampRejected>(empty);
        Assert.True(refused.Is(out Response<TimestampRejected>? rejected));
        Assert.Equal((empty.RequestId, 5), (rejected.Message.RequestId, rejected.Message.FailInfo));
    }

    [Fact]
    public async Task Batch_of_a_thousand_requests_travels_as_one_message_and_completes_every_item()
    {
        await using var bus = await BusHost.ControlPlaneAsync(await BrokerAsync(), x =>
        {
            x.AddConsumer<EchoTimestampConsumer>();
            x.AddRequestClient<TimestampBatchRequested>(RequestTimeout.After(s: 30));
        });
        var items = Enumerable.Range(0, 1000)
            .Select(i => new TimestampRequested(Guid.NewGuid(), i % 100 == 0 ? [] : BitConverter.GetBytes(i)))
            .ToList();

        var response = await bus.Client<TimestampBatchRequested>()
            .GetResponse<TimestampBatchCompleted>(new TimestampBatchRequested(Guid.NewGuid(), items));

        var done = response.Message;
        Assert.Equal(990, done.Issued.Count);
        Assert.Equal(10, done.Rejected.Count);
        Assert.Equal(items.Select(i => i.RequestId).Order(),
            done.Issued.Select(i => i.RequestId).Concat(done.Rejected.Select(r => r.RequestId)).Order());
    }

    [Fact]
    public async Task Signer_bus_answers_a_request_from_the_control_plane_bus_on_one_broker()
    {
        var amqp = await BrokerAsync();
        var inbox = new PingInbox();
        await using var signer = await BusHost.SignerAsync(amqp, "n1",
            x => x.AddConsumer<FoundationPingedConsumer>(), s => s.AddSingleton(inbox));
        await using var controlPlane = await BusHost.ControlPlaneAsync(amqp,
            x => x.AddRequestClient<FoundationPinged>(RequestTimeout.After(s: 30)));

        var ping = new FoundationPinged(Guid.NewGuid(), "are you there");
        var pong = await controlPlane.Client<FoundationPinged>().GetResponse<FoundationPinged>(ping);

        Assert.Equal(new FoundationPinged(ping.Id, "pong:are you there"), pong.Message);
        Assert.Equal(ping, await inbox.Received.Task.WaitAsync(BusHost.Bound));
    }

    [Fact]
    public async Task Each_signer_node_gets_its_own_copy_of_a_published_message()
    {
        // the shared BusSetup names queues with the node id as prefix, so nodes do not compete for one copy
        var amqp = await BrokerAsync();
        var (first, second) = (new PingInbox(), new PingInbox());
        await using var n1 = await BusHost.SignerAsync(amqp, "n1", x => x.AddConsumer<FoundationPingedConsumer>(), s => s.AddSingleton(first));
        await using var n2 = await BusHost.SignerAsync(amqp, "n2", x => x.AddConsumer<FoundationPingedConsumer>(), s => s.AddSingleton(second));
        await using var controlPlane = await BusHost.ControlPlaneAsync(amqp, _ => { });

        var sent = new FoundationPinged(Guid.NewGuid(), "to every node");
        await controlPlane.Publisher.Publish(sent);

        Assert.Equal(sent, await first.Received.Task.WaitAsync(BusHost.Bound));
        Assert.Equal(sent, await second.Received.Task.WaitAsync(BusHost.Bound));
    }
}
