using System.Globalization;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// The control plane's check that a message a node sent it (CeremonyFinished, SigningFailed) is
/// that node's: signed, over the canonical body, by the Ed25519 key the node's last accepted
/// attestation report bound (<see cref="NodeAttestor.SigningKey"/>). Without it anyone on the bus
/// could report a ceremony outcome in a node's name or fill a failure's culprit and unresponsive
/// lists to get honest nodes suspected. A failed check is counted and logged (at most once a
/// second), and the message is ignored — never held against the node it names.
/// </summary>
public sealed class NodeMessageCheck
{
    private static readonly long LogInterval = TimeSpan.FromSeconds(1).Ticks;
    private readonly Func<NodeId, byte[]?> _keys;
    private readonly ILogger _logger;
    private long _dropped;
    private long _lastLog; // 0: the first drop is always logged (and no overflow in now - last)

    public NodeMessageCheck(NodeAttestor attestor, ILogger<NodeMessageCheck> logger)
        : this((attestor ?? throw new ArgumentNullException(nameof(attestor))).SigningKey, logger)
    {
    }

    /// <summary>With an explicit key lookup (tests: no attestation round-trip needed to know a key).</summary>
    internal NodeMessageCheck(Func<NodeId, byte[]?> keys, ILogger logger)
    {
        _keys = keys;
        _logger = logger;
    }

    /// <summary>Messages ignored as not provably from the node they name.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>True when <paramref name="message"/> carries <paramref name="node"/>'s valid signature in <paramref name="headers"/>.</summary>
    public bool IsFrom(NodeId node, object message, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        if (Verify(node, message, headers)) return true;
        var dropped = Interlocked.Increment(ref _dropped);
        var now = DateTime.UtcNow.Ticks;
        var last = Interlocked.Read(ref _lastLog);
        if (now - last >= LogInterval && Interlocked.CompareExchange(ref _lastLog, now, last) == last)
            ControlPlaneLog.NodeMessageDropped(_logger, message.GetType().Name, node, dropped);
        return false;
    }

    private bool Verify(NodeId node, object message, Headers headers)
    {
        if (_keys(node) is not { } key) return false;
        var signature = headers.Get<string>(ProtocolHeaders.Signature);
        var sender = headers.Get<string>(ProtocolHeaders.Sender);
        var recipient = headers.Get<string>(ProtocolHeaders.Recipient);
        if (signature is null || recipient is null || !string.Equals(sender, node.Value, StringComparison.Ordinal)
            || !long.TryParse(headers.Get<string>(ProtocolHeaders.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return false;
        var sig = new byte[NodeSigningKey.SignatureSize];
        if (!Convert.TryFromBase64String(signature, sig, out var written) || written != sig.Length) return false;
        var type = message.GetType();
        var input = MessageSignatureInput.Compute(type.Name, node.Value, recipient, sequence, CanonicalBody.Serialize(message, type));
        return NodeSigningKey.Verify(key, input, sig);
    }
}
