namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// The answer to <see cref="AttestationRequested"/>: the raw SEV-SNP report and its VCEK chain.
/// SigningPublicKey is the node's Ed25519 message-signing key; REPORT_DATA binds it together with
/// the node id, the provider, the channel key and the nonce (null only from senders that predate it,
/// whose reports no longer verify).
/// </summary>
public sealed record AttestationReported(
    NodeId Node,
    NodeId? Requester,
    string Provider,
    byte[] Nonce,
    byte[] Report,
    byte[] VcekDer,
    byte[] AskDer,
    byte[] ArkDer,
    byte[] ChannelPublicKey,
    byte[]? SigningPublicKey = null);
