using System.Globalization;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's check that a message a node sent it (CeremonyFinished, SigningFailed, a
/// heartbeat) is that node's: signed, over the canonical body digest, by the Ed25519 key the
/// node's last accepted attestation report bound (<see cref="NodeAttestor.SigningKey"/>), and not
/// seen before (the signers' <see cref="ReplayGuard"/>, per node and channel). Without it anyone
/// on the bus could report a ceremony outcome in a node's name, fill a failure's culprit and
/// unresponsive lists to get honest nodes suspected, or replay an old genuine message. A failed
/// check is counted (<see cref="Dropped"/>, <c>cctsa_node_messages_dropped_total{kind,reason}</c>)
/// and logged at most once a second, and the message is ignored — never held against the node it names.
/// </summary>
public sealed class NodeMessageCheck
{
    private static readonly long LogInterval = TimeSpan.FromSeconds(1).Ticks;
    private readonly Func<NodeId, byte[]?> _keys;
    private readonly ILogger _logger;
    private readonly FleetMetrics _metrics;
    private readonly ReplayGuard _replays = new();
    private long _dropped;
    private long _lastLog; // 0: the first drop is always logged (and no overflow in now - last)

    public NodeMessageCheck(NodeAttestor attestor, FleetMetrics metrics, ILogger<NodeMessageCheck> logger)
        : this((attestor ?? throw new ArgumentNullException(nameof(attestor))).SigningKey, logger, metrics)
    {
    }

    /// <summary>With an explicit key lookup (tests: no attestation round-trip needed to know a key).</summary>
    internal NodeMessageCheck(Func<NodeId, byte[]?> keys, ILogger logger, FleetMetrics? metrics = null)
    {
        _keys = keys;
        _logger = logger;
        _metrics = metrics ?? new FleetMetrics();
    }

    /// <summary>Messages ignored as not provably from the node they name, or replayed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True when <paramref name="message"/> carries <paramref name="node"/>'s valid signature in <paramref name="headers"/>, under a sequence number not used before.</summary>
    public bool IsFrom(NodeId node, object message, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        if (_keys(node) is not { } key) return Drop(node, message, DropReason.UnknownKey);
        return Verify(node, key, message, headers) is { } reason ? Drop(node, message, reason) : true;
    }

    /// <summary>
    /// A heartbeat that claims the key this node was attested with must be signed by it (and new):
    /// then Proven, else Dropped (counted). One carrying another key, or none, is the first contact
    /// of a node not (yet, or no longer) attested here — a restarted node has a fresh key — and is
    /// Unproven: its facts go through the fleet rules as before, its counters are not believed.
    /// </summary>
    public HeartbeatCheck CheckHeartbeat(NodeAnnounced beat, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(beat);
        ArgumentNullException.ThrowIfNull(headers);
        if (_keys(beat.Node) is not { } key || beat.SigningPublicKey is not { } claimed || !claimed.AsSpan().SequenceEqual(key))
            return HeartbeatCheck.Unproven;
        if (Verify(beat.Node, key, beat, headers) is not { } reason) return HeartbeatCheck.Proven;
        Drop(beat.Node, beat, reason);
        return HeartbeatCheck.Dropped;
    }

    /// <summary>Null when the message verifies and its sequence number is new; else the drop reason.</summary>
    private string? Verify(NodeId node, byte[] key, object message, Headers headers)
    {
        var signature = headers.Get<string>(ProtocolHeaders.Signature);
        var sender = headers.Get<string>(ProtocolHeaders.Sender);
        var recipient = headers.Get<string>(ProtocolHeaders.Recipient);
        if (signature is null || sender is null || recipient is null
            || !long.TryParse(headers.Get<string>(ProtocolHeaders.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return DropReason.Unsigned;
        if (!string.Equals(sender, node.Value, StringComparison.Ordinal)) return DropReason.SenderMismatch;
        // nodes address the control plane only by publishing (or answering a request) to everybody
        if (recipient != ProtocolHeaders.Broadcast) return DropReason.WrongRecipient;
        var sig = new byte[NodeSigningKey.SignatureSize];
        if (!Convert.TryFromBase64String(signature, sig, out var written) || written != sig.Length) return DropReason.BadSignature;
        var type = message.GetType();
        var input = MessageSignatureInput.Compute(type.Name, node.Value, recipient, sequence, CanonicalBody.Digest(message, type));
        if (!NodeSigningKey.Verify(key, input, sig)) return DropReason.BadSignature;
        return _replays.FirstUse(node.Value, broadcast: true, key, sequence) ? null : DropReason.Replayed;
    }

    private bool Drop(NodeId node, object message, string reason)
    {
        var kind = message.GetType().Name;
        var dropped = Interlocked.Increment(ref _dropped);
        _metrics.NodeMessageDropped(kind, reason);
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastLog);
        if (now - last >= LogInterval && Interlocked.CompareExchange(ref _lastLog, now, last) == last)
            ControlPlaneLog.NodeMessageDropped(_logger, kind, node, reason, dropped);
        return false;
    }
}
