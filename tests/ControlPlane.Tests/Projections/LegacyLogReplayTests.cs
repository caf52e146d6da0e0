using System.Text.Json;
using System.Text.Json.Nodes;
using CcTsa.ControlPlane.Api;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Projections;

/// <summary>
/// A log written by release 58ddb92 (Fixtures/legacy-log-v1.sqlite, see Fixtures/README.md) replays
/// into the read model, and the read model answers what that release answered over HTTP.
/// </summary>
public sealed class LegacyLogReplayTests : IAsyncLifetime
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "cctsa-legacy-" + Guid.NewGuid().ToString("N"));
    private SqliteEventLog _log = null!;
    private LiveProjections _live = null!;
    private JsonElement _facts;

    public async Task InitializeAsync()
    {
        // a copy: opening a log may write to it (WAL), and the fixture must stay as the old release left it
        Directory.CreateDirectory(_dir);
        File.Copy(Path.Combine(Fixtures, "legacy-log-v1.sqlite"), Path.Combine(_dir, SqliteEventLog.FileName));
        _log = await SqliteEventLog.OpenAsync(_dir);
        _live = await LiveProjections.AttachAsync(_log);
        _facts = JsonDocument.Parse(Expected("facts.json")).RootElement;
    }

    [Fact]
    public async Task Chain_still_verifies_and_every_event_decodes()
    {
        var verification = await _log.VerifyChainAsync();
        Assert.True(verification.Ok);
        Assert.Equal(_facts.GetProperty("events").GetInt32(), _live.Current.Sequence);
        var types = new Dictionary<string, int>();
        await foreach (var e in _log.ReadAllAsync())
            types[EventCodec.AliasOf(e.Data.GetType())] = types.GetValueOrDefault(EventCodec.AliasOf(e.Data.GetType())) + 1;
        foreach (var expected in _facts.GetProperty("eventTypes").EnumerateObject())
            Assert.Equal(expected.Value.GetInt32(), types.GetValueOrDefault(expected.Name));
    }

    [Fact]
    public void Epoch_health_and_issuance_are_what_the_old_release_reported()
    {
        var set = _live.Current;
        Assert.Equal(_facts.GetProperty("currentEpoch").GetInt32(), set.Epochs.Current);
        Assert.Equal(_facts.GetProperty("publicKey").GetString(), set.Epochs.CurrentPublicKeyHex);
        Assert.Equal(_facts.GetProperty("clusterState").GetString(), set.Health.State.ToString());
        Assert.Equal(_facts.GetProperty("tokensIssued").GetInt64(), set.Tokens.Count);
        Assert.Empty(set.Tokens.RepeatedSerials);
        foreach (var byEpoch in _facts.GetProperty("tokensByEpoch").EnumerateObject())
        {
            var epoch = new KeyEpoch(int.Parse(byEpoch.Name, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(byEpoch.Value.GetInt32(), set.Tokens.OfEpoch(epoch).Count);
        }
        Assert.True(set.Certificates.Revoked(1));
        Assert.True(set.Certificates.Installed(2));
    }

    [Fact]
    public void Incidents_answer_exactly_as_the_old_release_did()
    {
        // every incident in the fixture was resolved before the stop, so no runbook status is shown
        var view = IncidentsApi.Build(_live.Current.Incidents, _ => null);
        AssertSameJson(Expected("incidents.json"), view);
    }

    [Theory]
    [InlineData("serialQuery", "token_serial.json")]
    [InlineData("serialQueryEpoch2", "token_serial_epoch2.json")]
    public void Serial_lookup_answers_as_the_old_scan_did(string fact, string file)
    {
        var serial = SerialNumber.ParseHex(_facts.GetProperty(fact).GetString()!);
        AssertSameJson(Expected(file), _live.Current.Tokens.WithSerial(serial).Select(TokensApi.View).ToList());
    }

    [Fact]
    public void Imprint_lookup_answers_both_epochs_tokens_in_log_order()
    {
        var imprint = _facts.GetProperty("imprintQuery").GetString()!;
        var found = _live.Current.Tokens.WithImprint(imprint.ToUpperInvariant()).Select(TokensApi.View).ToList();
        Assert.Equal(2, found.Count);
        AssertSameJson(Expected("token_imprint.json"), found);
    }

    [Fact]
    public void Cluster_fields_the_log_decides_match_the_old_cluster_view()
    {
        // the node list of /api/cluster comes from heartbeats (Fleet/FleetRoster), not from the log;
        // state, epoch and group key are the read model's
        var cluster = JsonDocument.Parse(Expected("cluster.json")).RootElement;
        var set = _live.Current;
        Assert.Equal(cluster.GetProperty("state").GetString(), set.Health.State.ToString());
        Assert.Equal(cluster.GetProperty("epoch").GetInt32(), set.Epochs.Current);
        Assert.Equal(cluster.GetProperty("publicKey").GetString(), set.Epochs.CurrentPublicKeyHex);
    }

    [Fact]
    public void Incidents_of_the_old_log_carry_their_context_as_typed_fields()
    {
        var incidents = _live.Current.Incidents.InOrder.ToList();
        Assert.Equal(["bootstrap", "nodeLost", "compromise", "partition", "clockDrift", "compromise"], incidents.Select(i => i.Kind));
        // bootstrap opened before any key ("epoch" step "0"); the others under epoch 1
        Assert.Equal([null, 1, 1, 1, 1, 1], incidents.Select(i => i.EpochAtOpen?.Number));
        Assert.Equal(["n1,n2", "n3,n4,n5"], incidents[3].PartitionSides.Select(g => string.Join(",", g)));
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T03:00:34Z", System.Globalization.CultureInfo.InvariantCulture), incidents[2].CompromisedAt);
        Assert.Equal(DateTimeOffset.Parse("2026-12-06T03:02:54Z", System.Globalization.CultureInfo.InvariantCulture), incidents[5].CompromisedAt);
        Assert.All(incidents.Where(i => i.Kind != "compromise"), i => Assert.Null(i.CompromisedAt));
    }

    [Fact]
    public void Checklist_test_tokens_of_old_logs_are_read_as_typed_tokens()
    {
        var tokens = _live.Current.Incidents.TestTokens;
        // bootstrap, node lost, refresh and re-key each ran one checklist
        Assert.Equal(4, tokens.Count);
        Assert.Equal([1, 1, 1, 2], tokens.Select(t => t.Epoch.Number));
        Assert.All(tokens, t => Assert.StartsWith("cctsa post-recovery checklist", System.Text.Encoding.UTF8.GetString(t.Data.Span)));
        Assert.All(tokens, t => Assert.Equal(0x30, t.Token.Span[0]));
    }

    private static string Expected(string file) => File.ReadAllText(Path.Combine(Fixtures, "legacy-log-v1", file));

    private static void AssertSameJson<T>(string expected, T actual)
    {
        var want = JsonNode.Parse(expected);
        var got = JsonNode.Parse(EventCodec.SerializeValue(actual));
        Assert.True(JsonNode.DeepEquals(want, got), $"expected {want?.ToJsonString()}\nactual   {got?.ToJsonString()}");
    }

    public async Task DisposeAsync()
    {
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }
}
