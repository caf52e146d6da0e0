using MassTransit;

namespace CcTsa.Signer.Messaging;

/// <summary>
/// One node-signed message type: its kind name, who it claims to be from, and how the checks
/// treat it. <see cref="KeyTrust.Attested"/>: only the key of the claimed sender's verified report
/// counts. <see cref="KeyTrust.Bootstrap"/>: also let through unauthenticated (marked so), because
/// it is how an unknown peer gets attested at all. <see cref="KeyTrust.SelfCertified"/>: the key
/// travels in the message and the report inside binds it (AttestationReported).
/// </summary>
internal abstract class ProtocolKind(Type messageType, KeyTrust trust)
{
    public Type MessageType { get; } = messageType;

    /// <summary>The kind name the signature covers (the contract's type name).</summary>
    public string Name { get; } = messageType.Name;

    public KeyTrust Trust { get; } = trust;

    /// <summary>The node the message says it comes from; null when it is a control-plane message of this type.</summary>
    public abstract NodeId? ClaimedSender(object message);

    /// <summary>The signing key a self-certified message carries.</summary>
    public virtual byte[]? CarriedKey(object message) => null;

    /// <summary>The typed message of <paramref name="context"/>, when it is of this kind.</summary>
    public abstract bool TryRead(ConsumeContext context, out object message);

    /// <summary>Marks the message consumed, so a drop doesn't move it to a skipped queue.</summary>
    public abstract Task NotifyDroppedAsync(ConsumeContext context);
}
