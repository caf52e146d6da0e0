using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;
using MassTransit.Serialization;

namespace CcTsa.Contracts.Tests.Messages.Signing;

/// <summary>The signing pipeline's typed values survive MassTransit's JSON serializer (every transport uses it).</summary>
public class SigningMessagesTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N4 = NodeId.Parse("n4");

    private static string Json<T>(T message) => JsonSerializer.Serialize(message, SystemTextJsonMessageSerializer.Options);

    private static T RoundTrip<T>(T message) =>
        JsonSerializer.Deserialize<T>(Json(message), SystemTextJsonMessageSerializer.Options) ?? throw new InvalidOperationException("deserialized to null");

    [Fact]
    public void SignedTimestamp_keeps_serial_imprint_and_digest_as_their_types()
    {
        var serial = SerialNumber.NewRandom();
        var response = new byte[] { 0x30, 0x03, 0x02, 0x01, 0x00 };
        var token = new SignedTimestamp(Guid.NewGuid(), response, serial, DateTimeOffset.UnixEpoch.AddDays(20000), "1.3.6.1.4.1.57264.2", "sha256",
            [.. Enumerable.Range(0, 32).Select(i => (byte)i)], Sha256Hash.Of(response));

        var back = RoundTrip(token);

        Assert.Equal(serial, back.Serial);
        Assert.Equal(token.GenTime, back.GenTime);
        Assert.Equal(token.TokenSha256, back.TokenSha256);
        Assert.True(back.Stamps(token.HashedMessage));
        Assert.False(back.Stamps(new byte[32]));
        Assert.Contains($"\"{serial.ToHex()}\"", Json(token), StringComparison.Ordinal); // the serial travels as its hex text
    }

    [Fact]
    public void KeyEpoch_travels_as_a_plain_number()
    {
        Assert.Equal("7", Json(new KeyEpoch(7)));
        Assert.Equal(new KeyEpoch(7), RoundTrip(new KeyEpoch(7)));
    }

    [Fact]
    public void SigningFailed_keeps_reason_culprits_and_unresponsive_nodes()
    {
        var failed = new SigningFailed(RoundId.New(), N1, SigningFailureReason.PeersFailed, "n4 timed out; then below quorum", true, [N2], [N4]);

        var back = RoundTrip(failed);

        Assert.Equal((failed.Round, N1, SigningFailureReason.PeersFailed, failed.Detail, true), (back.Round, back.Coordinator, back.Reason, back.Detail, back.Retryable));
        Assert.Equal([N2], back.Culprits);
        Assert.Equal([N4], back.Unresponsive);
    }

    [Fact]
    public void ProduceSignatureShares_keeps_the_purpose_and_every_item()
    {
        var item = new ShareItem([1, 2, 3], [4, 5], [[6], [7]]);
        var back = RoundTrip(new ProduceSignatureShares(RoundId.New(), N1, N2, new KeyEpoch(1), [N1, N2], "csr", [item]));
        Assert.Equal("csr", back.Purpose);
        var only = Assert.Single(back.Items);
        Assert.Equal(item.Message, only.Message);
        Assert.Equal(item.Evidence, only.Evidence);
        Assert.Equal(item.Commitments, only.Commitments);
    }
}
