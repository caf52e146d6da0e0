using System.Text;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.ControlPlane.EventStore;
using FsCheck.Xunit;

namespace CcTsa.ControlPlane.Tests.EventStore;

public sealed class EventCodecTests
{
    [Fact]
    public void Aliases_are_snake_case_of_the_type_names_and_cover_every_contract_event()
    {
        Assert.Equal("node_attested", EventCodec.AliasOf(typeof(NodeAttested)));
        Assert.Equal("clock_violation", EventCodec.AliasOf(typeof(CcTsa.Contracts.Events.Cluster.ClockViolation)));
        var contractEvents = typeof(NodeAttested).Assembly.GetTypes()
            .Where(t => t.Namespace?.StartsWith("CcTsa.Contracts.Events.", StringComparison.Ordinal) == true && t.IsClass && t.IsSealed && t.IsPublic)
            .ToHashSet();
        Assert.Equal(contractEvents, EventCodec.Aliases.Keys.ToHashSet());
    }

    [Fact]
    public void Encode_then_decode_of_every_sample_event_is_byte_identical()
    {
        foreach (var e in SampleEvents.Scenario())
        {
            var encoded = EventCodec.Encode(e);
            var decoded = EventCodec.Decode(encoded.Type, encoded.Utf8.Span);
            Assert.Equal(encoded.Utf8.ToArray(), EventCodec.Encode(decoded).Utf8.ToArray());
        }
    }

    [Fact]
    public void Encode_writes_ids_as_text_and_enums_as_names()
    {
        var json = Encoding.UTF8.GetString(EventCodec.Encode(SampleEvents.Attested(3)).Utf8.Span);
        Assert.StartsWith("{\"node\":\"n3\",\"provider\":\"azure\"", json, StringComparison.Ordinal);
    }

    /// <summary>Canary: a secret-bearing type is not listed, so it can never be encoded into the log.</summary>
    [Fact]
    public void Encode_of_a_type_not_in_the_alias_map_is_refused_without_echoing_the_value()
    {
        using var secret = new FakeSigningShare();
        var e = Assert.Throws<UnknownEventTypeException>(() => EventCodec.Encode(secret));
        Assert.DoesNotContain("deadbeef", e.Message, StringComparison.Ordinal);
        Assert.Throws<UnknownEventTypeException>(() => EventCodec.Encode(new { Node = "n1" }));
    }

    [Fact]
    public void Decode_of_json_with_an_extra_field_fails()
    {
        var json = Encoding.UTF8.GetString(EventCodec.Encode(SampleEvents.Attested(1)).Utf8.Span).TrimEnd('}') + ",\"extra\":1}";
        Assert.False(EventCodec.TryDecode("node_attested", Encoding.UTF8.GetBytes(json), out _));
    }

    [Property]
    public bool TryDecode_of_arbitrary_bytes_never_throws(byte[] bytes, bool tokenType) =>
        EventCodec.TryDecode(tokenType ? "token_issued" : "ceremony_started", bytes ?? [], out _) || true;

    [Fact]
    public void TryResolveAlias_accepts_alias_or_type_name_and_rejects_unknown()
    {
        Assert.True(EventCodec.TryResolveAlias("ClockViolation", out var a));
        Assert.Equal("clock_violation", a);
        Assert.True(EventCodec.TryResolveAlias("token_issued", out var b));
        Assert.Equal("token_issued", b);
        Assert.False(EventCodec.TryResolveAlias("SigningShare", out _));
    }

    private sealed class FakeSigningShare : IDisposable
    {
        public string Hex { get; } = "deadbeef";
        public void Dispose() { }
        public override string ToString() => "FakeSigningShare([redacted])";
    }
}
