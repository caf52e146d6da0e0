using System.Collections.Concurrent;
using System.Globalization;
using CcTsa.Crypto.Messages;
using CcTsa.Hosting;
using CcTsa.Signer.Channel;
using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// The one place a node signs its protocol messages and the one place it checks its peers'. A
/// message counts as a peer's only when signed (over kind, sender, recipient, sequence and the
/// canonical body, see <see cref="MessageSignatureInput"/>) by the Ed25519 key that peer's verified
/// attestation report bound, and only once (<see cref="ReplayGuard"/>). Anything else is dropped
/// and counted in <see cref="Dropped"/>, never blamed on the node it names — the bus can write any
/// name, but only the enclave holds the key.
/// </summary>
public sealed class MessageAuthenticator : IMessageAuthentication
{
    private readonly NodeId _self;
    private readonly Crypto.Messages.NodeSigningKey _key;
    private readonly byte[] _ownPublic;
    private readonly AttestedPeers _peers;
    // Per recipient: each receiver then sees a dense run of numbers and its window only has to
    // absorb the reordering of its own queue, not the sender's traffic to everybody else.
    private readonly ConcurrentDictionary<string, StrongBox> _sequences = new(StringComparer.Ordinal);
    private readonly ReplayGuard _replays = new();

    internal MessageAuthenticator(NodeId self, Crypto.Messages.NodeSigningKey key, AttestedPeers peers, DroppedMessages dropped)
    {
        _self = self;
        _key = key;
        _ownPublic = key.PublicKey;
        _peers = peers;
        Dropped = dropped;
    }

    /// <summary>Messages refused as not provably from their claimed sender.</summary>
    public DroppedMessages Dropped { get; }

    /// <summary>Signs <paramref name="message"/> for <paramref name="recipient"/> (a node id, or <see cref="ProtocolHeaders.Broadcast"/>) into the send context's headers.</summary>
    public void Sign(SendContext context, object message, string recipient)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(message);
        var type = message.GetType();
        var sequence = Interlocked.Increment(ref _sequences.GetOrAdd(recipient, _ => new StrongBox()).Value);
        var input = MessageSignatureInput.Compute(type.Name, _self.Value, recipient, sequence, CanonicalBody.Digest(message, type));
        context.Headers.Set(ProtocolHeaders.Sender, _self.Value);
        context.Headers.Set(ProtocolHeaders.Recipient, recipient);
        context.Headers.Set(ProtocolHeaders.Sequence, sequence.ToString(CultureInfo.InvariantCulture));
        context.Headers.Set(ProtocolHeaders.Signature, Convert.ToBase64String(_key.Sign(input)));
    }

    /// <summary>
    /// Checks a protocol message of <paramref name="kind"/>. Returns Accepted, or Unauthenticated
    /// for a bootstrap kind that may pass unproven (marked), or Dropped (already counted).
    /// </summary>
    internal Verdict Check(ProtocolKind kind, object message, Headers headers)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        var claimed = kind.ClaimedSender(message);
        if (claimed is not { } sender) return Verdict.Unauthenticated; // the control plane's use of the type (e.g. its own attestation request)
        var signature = headers.Get<string>(ProtocolHeaders.Signature);
        var signer = headers.Get<string>(ProtocolHeaders.Sender);
        var recipient = headers.Get<string>(ProtocolHeaders.Recipient);
        var sequenceText = headers.Get<string>(ProtocolHeaders.Sequence);
        if (signature is null || signer is null || recipient is null
            || !long.TryParse(sequenceText, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            return Refuse(kind, sender, DropReason.Unsigned);
        if (!string.Equals(signer, sender.Value, StringComparison.Ordinal)) return Refuse(kind, sender, DropReason.SenderMismatch);
        var broadcast = recipient == ProtocolHeaders.Broadcast;
        if (!broadcast && !string.Equals(recipient, _self.Value, StringComparison.Ordinal)) return Refuse(kind, sender, DropReason.WrongRecipient);
        // Our own broadcasts come back to us too: checked under our own key, not counted as forgeries.
        var key = kind.Trust == KeyTrust.SelfCertified ? kind.CarriedKey(message) : sender == _self ? _ownPublic : _peers.SigningKey(sender);
        if (key is null)
            return kind.Trust == KeyTrust.Bootstrap ? Verdict.Unauthenticated : Refuse(kind, sender, DropReason.UnknownKey);
        var input = MessageSignatureInput.Compute(kind.Name, signer, recipient, sequence, CanonicalBody.Digest(message, kind.MessageType));
        if (!TryDecode(signature, out var sig) || !Crypto.Messages.NodeSigningKey.Verify(key, input, sig))
            return kind.Trust == KeyTrust.Bootstrap ? Refuse(kind, sender, DropReason.BadSignature, Verdict.Unauthenticated) : Refuse(kind, sender, DropReason.BadSignature);
        // A report is single-use by its nonce already; its key may not be the attested one yet.
        if (kind.Trust == KeyTrust.SelfCertified) return Verdict.Accepted;
        return _replays.FirstUse(sender.Value, broadcast, key, sequence) ? Verdict.Accepted : Refuse(kind, sender, DropReason.Replayed);
    }

    Verdict IMessageAuthentication.Check(ProtocolKind kind, object message, Headers headers) => Check(kind, message, headers);

    private Verdict Refuse(ProtocolKind kind, NodeId claimed, string reason, Verdict verdict = Verdict.Dropped)
    {
        Dropped.Record(kind.Name, claimed.Value, reason);
        return verdict;
    }

    private static bool TryDecode(string base64, out byte[] bytes)
    {
        bytes = new byte[Crypto.Messages.NodeSigningKey.SignatureSize];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == bytes.Length;
    }

    internal enum Verdict
    {
        Accepted,
        Unauthenticated,
        Dropped,
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
