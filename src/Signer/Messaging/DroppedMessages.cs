using System.Collections.Concurrent;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Hosting;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// Protocol messages this node refused because they were not provably from their claimed sender:
/// a counter per reason (operators and tests read it) and a warning at most once per second, so a
/// flood of forgeries can't flood the log. A dropped message is never held against the node it
/// names: it was not that node's message.
/// </summary>
public sealed class DroppedMessages
{
    private static readonly long LogInterval = TimeSpan.FromSeconds(1).Ticks;

    private readonly ConcurrentDictionary<string, long> _byReason = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly NodeId _node;
    private readonly TimeProvider _time;
    private long _total;
    private long _lastLog; // 0: the first drop is always logged (and no overflow in now - last)

    internal DroppedMessages(ILogger logger, NodeId node, TimeProvider time)
    {
        _logger = logger;
        _node = node;
        _time = time;
    }

    public long Total => Interlocked.Read(ref _total);

    /// <summary>Dropped messages of one kind (message type name).</summary>
    public long OfKind(string kind) => _byKind.GetValueOrDefault(kind);

    /// <summary>Dropped messages for one reason (see <see cref="DropReason"/>).</summary>
    public long ForReason(string reason) => _byReason.GetValueOrDefault(reason);

    /// <summary>The counters by reason, for the heartbeat (see NodeAnnounced.DroppedMessages).</summary>
    public IReadOnlyList<ReasonCount> ByReason() =>
        [.. _byReason.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new ReasonCount(p.Key, p.Value))];

    internal void Record(string kind, string claimedSender, string reason)
    {
        var total = Interlocked.Increment(ref _total);
        _byReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        _byKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        SignerLog.MessageDroppedDetail(_logger, _node, kind, claimedSender, reason);
        var now = _time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLog);
        if (now - last >= LogInterval && Interlocked.CompareExchange(ref _lastLog, now, last) == last)
            SignerLog.MessageDropped(_logger, _node, kind, claimedSender, reason, total);
    }
}
