using System.Text.Json;
using CcTsa.Contracts.Messages.Timestamp;
using FsCheck.Xunit;
using MassTransit.Serialization;

namespace CcTsa.Contracts.Tests.Messages.Timestamp;

/// <summary>The timestamp messages survive MassTransit's JSON serializer byte for byte.</summary>
public class TimestampMessagesTests
{
    private static T RoundTrip<T>(T message) =>
        JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(message, SystemTextJsonMessageSerializer.Options), SystemTextJsonMessageSerializer.Options)
        ?? throw new InvalidOperationException("deserialized to null");

    [Property]
    public void Requested_round_trips_through_the_bus_serializer(Guid id, byte[] request)
    {
        var back = RoundTrip(new TimestampRequested(id, request));
        Assert.Equal(id, back.RequestId);
        Assert.Equal(request, back.Request);
    }

    [Property]
    public void Issued_round_trips_through_the_bus_serializer(Guid id, byte[] response, string serialHex)
    {
        var back = RoundTrip(new TimestampIssued(id, response, serialHex));
        Assert.Equal((id, Convert.ToHexString(response), serialHex), (back.RequestId, Convert.ToHexString(back.Response), back.SerialHex));
    }

    [Property]
    public void Rejected_round_trips_through_the_bus_serializer(Guid id, int failInfo, string text, byte[] response)
    {
        var back = RoundTrip(new TimestampRejected(id, failInfo, text, response));
        Assert.Equal((id, failInfo, text, Convert.ToHexString(response)), (back.RequestId, back.FailInfo, back.StatusText, Convert.ToHexString(back.Response)));
    }

    [Property]
    public void Batch_round_trip_keeps_every_item_in_order(Guid batchId, byte[][] requests)
    {
        var items = requests.Select(r => new TimestampRequested(Guid.NewGuid(), r)).ToList();
        var back = RoundTrip(new TimestampBatchRequested(batchId, items));
        Assert.Equal(batchId, back.BatchId);
        Assert.Equal(items.Select(i => (i.RequestId, Convert.ToHexString(i.Request))),
            back.Items.Select(i => (i.RequestId, Convert.ToHexString(i.Request))));
    }

    [Fact]
    public void Completed_batch_round_trip_keeps_issued_and_rejected_apart()
    {
        var issued = new TimestampIssued(Guid.NewGuid(), [0x30, 0x03, 0x02, 0x01, 0x00], "4a1f");
        var rejected = new TimestampRejected(Guid.NewGuid(), 5, "malformed DER", [0x30, 0x00]);
        var back = RoundTrip(new TimestampBatchCompleted(Guid.NewGuid(), [issued], [rejected]));
        Assert.Equal(issued.RequestId, Assert.Single(back.Issued).RequestId);
        Assert.Equal("4a1f", back.Issued[0].SerialHex);
        Assert.Equal(rejected.Response, Assert.Single(back.Rejected).Response);
        Assert.Equal(5, back.Rejected[0].FailInfo);
    }
}
