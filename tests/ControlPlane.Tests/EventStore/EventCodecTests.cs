using System.Text;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
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
    public void IncidentOpened_of_an_old_log_re_encodes_to_its_stored_bytes_and_typed_context_round_trips()
    {
        // as release 58ddb92 wrote it (no context fields): the hash covers exactly these bytes
        const string Stored = "{\"id\":\"6c33779b4b8848fdad55f9a26c44af02\",\"kind\":\"bootstrap\",\"summary\":\"no key yet\",\"nodes\":[],\"at\":\"2026-12-06T03:00:33.5582448+00:00\"}";
        var old = (IncidentOpened)EventCodec.Decode("incident_opened", Encoding.UTF8.GetBytes(Stored));
        Assert.Null(old.Epoch);
        Assert.Equal(Stored, Encoding.UTF8.GetString(EventCodec.Encode(old).Utf8.Span));

        var typed = old with { Epoch = new KeyEpoch(2), PartitionSides = [[NodeId.Parse("n1")], [NodeId.Parse("n2"), NodeId.Parse("n3")]], CompromisedAt = old.At.AddHours(-1) };
        var json = Encoding.UTF8.GetString(EventCodec.Encode(typed).Utf8.Span);
        Assert.EndsWith(",\"epoch\":2,\"partitionSides\":[[\"n1\"],[\"n2\",\"n3\"]],\"compromisedAt\":\"2026-12-06T02:00:33.5582448+00:00\"}", json, StringComparison.Ordinal);
        var back = (IncidentOpened)EventCodec.Decode("incident_opened", Encoding.UTF8.GetBytes(json));
        Assert.Equal((typed.Epoch, typed.CompromisedAt), (back.Epoch, back.CompromisedAt));
        Assert.Equal(["n1", "n2", "n3"], back.PartitionSides!.SelectMany(g => g).Select(n => n.Value));
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
