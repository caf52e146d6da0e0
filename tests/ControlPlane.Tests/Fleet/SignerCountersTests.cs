using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using Prometheus;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>A signer's running totals from its proven heartbeats become Prometheus counter increments (node n7: no other test uses it).</summary>
public class SignerCountersTests
{
    private static readonly NodeId N7 = NodeId.FromIndex(7);

    private static NodeAnnounced Beat(IReadOnlyList<ReasonCount>? dropped, IReadOnlyList<ReasonCount>? refusals = null) =>
        new(N7, "aws", new byte[32], 1, true, false, [], DateTimeOffset.UnixEpoch, DroppedMessages: dropped, SigningRefusals: refusals);

    private static async Task<double> ValueAsync(string name, string reason)
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var match = Regex.Match(text, "^" + Regex.Escape($"{name}{{node=\"n7\",reason=\"{reason}\"}}") + " (\\S+)$", RegexOptions.Multiline);
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [Fact]
    public async Task Totals_become_increments_and_a_lower_total_is_a_restart()
    {
        var counters = new SignerCounters(new FleetMetrics());
        counters.OnProvenHeartbeat(Beat([new ReasonCount("unsigned", 3)], [new ReasonCount("gentime", 2)]));
        counters.OnProvenHeartbeat(Beat([new ReasonCount("unsigned", 5)], [new ReasonCount("gentime", 2)]));
        Assert.Equal(5, await ValueAsync("cctsa_signer_messages_dropped_total", "unsigned"));
        Assert.Equal(2, await ValueAsync("cctsa_signer_refusals_total", "gentime"));

        counters.OnProvenHeartbeat(Beat([new ReasonCount("unsigned", 1)])); // the node restarted: its totals began again
        Assert.Equal(6, await ValueAsync("cctsa_signer_messages_dropped_total", "unsigned"));
    }

    [Fact]
    public async Task Labels_are_fixed_tokens_and_bounded_in_number()
    {
        var counters = new SignerCounters(new FleetMetrics());
        counters.OnProvenHeartbeat(Beat([new ReasonCount("Item 3: \"x\"", 4), new ReasonCount("bad_signature", -1),
            .. Enumerable.Range(0, 40).Select(i => new ReasonCount("r" + i.ToString(CultureInfo.InvariantCulture), 1))]));
        Assert.Equal(0, await ValueAsync("cctsa_signer_messages_dropped_total", "Item 3: \\\"x\\\""));
        Assert.Equal(0, await ValueAsync("cctsa_signer_messages_dropped_total", "bad_signature"));
        Assert.Equal(1, await ValueAsync("cctsa_signer_messages_dropped_total", "r13"));
        Assert.Equal(0, await ValueAsync("cctsa_signer_messages_dropped_total", "r14")); // only the first 16 entries are read
    }
}
