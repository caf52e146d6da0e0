using System.Collections.Concurrent;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Turns the running totals a signer reports in its heartbeats (dropped messages and signing
/// refusals since it started, by reason) into Prometheus counter increments: what each total
/// grew by since the node's last proven heartbeat. A total below the last one means the node
/// restarted (its counters start at zero), so all of it is new. Only heartbeats signed by the
/// node's attested key get here (<see cref="NodeMessageCheck.CheckHeartbeat"/>): anyone else could
/// write any number. Reasons are the signers' fixed tokens; a heartbeat can't add more than
/// <see cref="MaxReasons"/> labels per node and counter.
/// </summary>
public sealed class SignerCounters(FleetMetrics metrics)
{
    public const int MaxReasons = 16;
    private const int MaxReasonLength = 32;
    private readonly ConcurrentDictionary<(NodeId, bool, string), long> _last = new();

    public void OnProvenHeartbeat(NodeAnnounced beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        Apply(beat.Node, refusals: false, beat.DroppedMessages);
        Apply(beat.Node, refusals: true, beat.SigningRefusals);
    }

    private void Apply(NodeId node, bool refusals, IReadOnlyList<ReasonCount>? counts)
    {
        if (counts is null) return;
        foreach (var c in counts.Take(MaxReasons))
        {
            if (c is null || c.Count < 0 || string.IsNullOrEmpty(c.Reason) || c.Reason.Length > MaxReasonLength || !IsToken(c.Reason)) continue;
            var key = (node, refusals, c.Reason);
            var last = _last.GetValueOrDefault(key);
            var added = c.Count >= last ? c.Count - last : c.Count;
            _last[key] = c.Count;
            if (added == 0) continue;
            if (refusals) metrics.SignerRefused(node.Value, c.Reason, added);
            else metrics.SignerMessagesDropped(node.Value, c.Reason, added);
        }
    }

    private static bool IsToken(string reason) => reason.All(ch => ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
