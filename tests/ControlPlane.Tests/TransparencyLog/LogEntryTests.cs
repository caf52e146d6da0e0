using System.Buffers;
using System.Globalization;
using System.Text.Json;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Tests.EventStore;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.Tests.TransparencyLog;

/// <summary>
/// The hand-laid entry bytes are exactly what a JSON writer produces for the documented shape
/// (the reference below is the encoder the log used before, kept here as the oracle), so leaves
/// written by older binaries and proofs served by this one agree byte for byte.
/// </summary>
public sealed class LogEntryTests
{
    private static byte[] Reference(long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("sequence", sequence);
            w.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
            w.WriteString("type", type);
            w.WritePropertyName("data");
            w.WriteRawValue(data, skipInputValidation: true);
            w.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static TheoryData<long, string, string> Cases => new()
    {
        { 1, "2026-03-01T12:00:00.000000+00:00", "token_issued" },
        { 16, "2026-03-01T12:00:00.123456+00:00", "log_head_signed" },
        { 1_000_000, "0987-01-02T03:04:05.000007+00:00", "node.attested" },
        { long.MaxValue, "9999-12-31T23:59:59.999999+00:00", "x" },
        { 42, "2026-12-06T20:00:00.5+02:00", "quote\"back\\slash<html>&'é\u0001\u2028" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Entry_bytes_equal_the_json_writer_output(long sequence, string timestamp, string type)
    {
        var at = DateTimeOffset.Parse(timestamp, CultureInfo.InvariantCulture);
        var data = "{\"n\":1,\"s\":\"a\\\"b\"}"u8;
        var expected = Reference(sequence, at, type, data);
        Assert.Equal(expected, LogEntry.Encode(sequence, at, type, data));
        Assert.Equal(MerkleHash.Leaf(expected), LogEntry.LeafHash(sequence, at, type, data));
    }

    [Fact]
    public void Every_sample_event_encodes_as_the_json_writer_does()
    {
        var seq = 0L;
        foreach (var e in SampleEvents.Scenario().Append(SampleEvents.Token(3)))
        {
            var encoded = EventCodec.Encode(e);
            var at = SampleEvents.T0.AddTicks(++seq * 12_345_670);
            Assert.Equal(Reference(seq, at, encoded.Type, encoded.Utf8.Span), LogEntry.Encode(seq, at, encoded.Type, encoded.Utf8.Span));
        }
    }
}
