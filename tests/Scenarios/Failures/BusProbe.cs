using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Foundation;
using MassTransit;
using System.Security.Cryptography;

namespace CcTsa.Scenarios.Failures;

/// <summary>A TimestampRequested sent over the run's RabbitMQ vhost, as a bus client would send it.</summary>
public static class BusProbe
{
    /// <summary>Sends one request over the bus; below quorum it must come back TimestampRejected with a reason.</summary>
    public static async Task ExpectRejectedWithReasonAsync(Uri amqp)
    {
        await using var bus = await BusHost.ControlPlaneAsync(amqp, x => x.AddRequestClient<TimestampRequested>(RequestTimeout.After(s: 30)));
        var request = new TimestampRequested(Guid.NewGuid(),
            TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(RandomNumberGenerator.GetBytes(32)), certReq: true));
        var answer = await bus.Client<TimestampRequested>().GetResponse<TimestampIssued, TimestampRejected>(request);
        Assert.True(answer.Is(out Response<TimestampRejected>? rejected), "below quorum a bus request must be rejected, not issued");
        Assert.Contains(rejected.Message.FailInfo, new[] { (int)PkiFailureInfo.TimeNotAvailable, (int)PkiFailureInfo.SystemFailure });
        Assert.False(string.IsNullOrWhiteSpace(rejected.Message.StatusText), "the rejection says why");
    }
}
