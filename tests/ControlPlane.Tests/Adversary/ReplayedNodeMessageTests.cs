using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Adversary;

/// <summary>
/// Issue 13: the control plane trusts a node's message only once. The bus records n2's genuine,
/// signed heartbeats; n2 is killed; the bus replays one of them. Without a replay window the
/// heartbeat would bring n2 back online in the roster (and start its re-attestation). Also: what
/// the signers drop and what the control plane drops shows in /metrics by node and reason.
/// Runs `cctsa up`'s composition in-process (five signers on the in-memory bus).
/// </summary>
public sealed class ReplayedNodeMessageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private static readonly NodeId N2 = NodeId.FromIndex(2), N1 = NodeId.FromIndex(1), N3 = NodeId.FromIndex(3);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "cctsa-replay-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly ConcurrentQueue<(NodeAnnounced Beat, KeyValuePair<string, object>[] Headers)> _beats = new();
    private EmbeddedHost _host = null!;
    private HttpClient _http = null!;
    private HostReceiveEndpointHandle? _spy;

    public async Task InitializeAsync()
    {
        var settings = new HostSettings { Port = 0, DataDirectory = _data, Faults = true, Embedded = true, QuietConsole = true };
        _host = await EmbeddedHost.StartAsync(settings, null, CancellationToken.None);
        await _host.WaitUntilServingAsync(Patience, null, CancellationToken.None);
        _http = new HttpClient { BaseAddress = _host.Address, Timeout = TimeSpan.FromSeconds(60) };
        // the relay's recorder: every heartbeat on the bus, with the headers it travelled with
        _spy = Bus.ConnectReceiveEndpoint("replay-spy-" + Guid.NewGuid().ToString("N")[..8], e => e.Handler<NodeAnnounced>(ctx =>
        {
            _beats.Enqueue((ctx.Message, [.. ctx.Headers.GetAll()]));
            return Task.CompletedTask;
        }));
        await _spy.Ready;
    }

    public async Task DisposeAsync()
    {
        if (_spy is not null) await _spy.StopAsync();
        _http.Dispose();
        await _host.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); }
        catch (IOException) { } // the log may still be closing
    }

    private IBus Bus => _host.Services.GetRequiredService<IBus>();

    private NodeMessageCheck Check => _host.Services.GetRequiredService<NodeMessageCheck>();

    [Fact]
    public async Task A_replayed_heartbeat_of_a_lost_node_is_dropped_counted_and_does_not_bring_it_back()
    {
        var recorded = await RecordedBeatAsync(N2);
        Assert.True(await _host.Cluster.KillAsync(N2, CancellationToken.None));
        await _host.Services.GetRequiredService<FleetDirector>().MarkLostAsync(N2, "killed by the test", CancellationToken.None);
        Assert.False(_host.Fleet.Roster.Find(N2)!.Online);
        var droppedBefore = Check.Dropped;
        var metricBefore = await MetricAsync("cctsa_node_messages_dropped_total", ("kind", "NodeAnnounced"), ("reason", DropReason.Replayed));
        var startsBefore = await StartsOfN2Async();

        await ReplayAsync(recorded.Beat, recorded.Headers);

        await WaitAsync(() => Check.Dropped > droppedBefore, "the replay to be dropped");
        Assert.True(await MetricAsync("cctsa_node_messages_dropped_total", ("kind", "NodeAnnounced"), ("reason", DropReason.Replayed)) >= metricBefore + 1);
        await Task.Delay(500); // give a (wrongly) accepted heartbeat time to reach the roster
        var n2 = _host.Fleet.Roster.Find(N2)!;
        Assert.False(n2.Online);
        Assert.Equal(startsBefore, await StartsOfN2Async());
    }

    [Fact]
    public async Task A_tampered_heartbeat_is_dropped_as_a_forgery_and_leaves_the_node_as_it_was()
    {
        var recorded = await RecordedBeatAsync(N3);
        var before = await MetricAsync("cctsa_node_messages_dropped_total", ("kind", "NodeAnnounced"), ("reason", DropReason.BadSignature));
        // the same genuine headers over a rewritten body: n3 "excluded" with a far clock
        await ReplayAsync(recorded.Beat with { ClockHealthy = false, Excluded = true, ClockOffsetMicroseconds = 9e9 }, recorded.Headers);

        await WaitForMetricAsync("cctsa_node_messages_dropped_total", before + 1, ("kind", "NodeAnnounced"), ("reason", DropReason.BadSignature));
        var n3 = _host.Fleet.Roster.Find(N3)!;
        Assert.False(n3.Excluded);
        Assert.NotEqual(9e9, n3.ClockOffsetMicros);
    }

    [Fact]
    public async Task A_forged_peer_message_shows_in_every_signers_drop_metric_from_their_signed_heartbeats()
    {
        var before = await MetricAsync("cctsa_signer_messages_dropped_total", ("node", "n4"), ("reason", DropReason.Unsigned));
        // a clock probe "from n1", unsigned, published to every node
        await Bus.Publish(new ClockProbe(N1, NodeId.FromIndex(4), DateTimeOffset.UtcNow.UtcTicks));

        await WaitForMetricAsync("cctsa_signer_messages_dropped_total", before + 1, ("node", "n4"), ("reason", DropReason.Unsigned));
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("cctsa_signer_refusals_total", text, StringComparison.Ordinal);
    }

    /// <summary>A heartbeat of <paramref name="node"/> recorded after the control plane attested it (so it is signed by the attested key).</summary>
    private async Task<(NodeAnnounced Beat, KeyValuePair<string, object>[] Headers)> RecordedBeatAsync(NodeId node)
    {
        await WaitAsync(() => _host.Fleet.Roster.Find(node) is { Attested: true, Online: true }, $"{node} to be attested");
        var attestedKey = _host.Services.GetRequiredService<NodeAttestor>().SigningKey(node)!;
        (NodeAnnounced, KeyValuePair<string, object>[]) found = default;
        await WaitAsync(() => _beats.Any(b => b.Beat.Node == node && b.Beat.SigningPublicKey is { } k && k.AsSpan().SequenceEqual(attestedKey)
            && (found = b) != default), $"a signed heartbeat of {node}");
        return found;
    }

    private async Task<int> StartsOfN2Async() =>
        (await _host.Services.GetRequiredService<IEventLog>().ReadAsync(0, 100_000, new EventFilter(nameof(NodeStarted), Node: N2))).Count;

    private Task ReplayAsync(NodeAnnounced beat, KeyValuePair<string, object>[] headers) =>
        Bus.Publish(beat, ctx =>
        {
            foreach (var (k, v) in headers)
                if (k.StartsWith("CcTsa-", StringComparison.Ordinal)) ctx.Headers.Set(k, v);
        });

    private async Task<double> MetricAsync(string name, params (string Label, string Value)[] labels)
    {
        var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var selector = string.Join(",", labels.Select(l => $"{l.Label}=\"{l.Value}\""));
        var match = Regex.Match(text, "^" + Regex.Escape(name + "{" + selector + "}") + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task WaitForMetricAsync(string name, double atLeast, params (string Label, string Value)[] labels)
    {
        var deadline = DateTime.UtcNow + Patience;
        double last;
        while ((last = await MetricAsync(name, labels)) < atLeast)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{name} stayed at {last}, expected at least {atLeast}");
            await Task.Delay(200);
        }
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("waited in vain for " + what);
            await Task.Delay(100);
        }
    }
}
