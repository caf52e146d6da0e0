namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// The answer to <see cref="AttestationRequested"/>: the raw SEV-SNP report and its VCEK chain.
/// SigningPublicKey is the node's Ed25519 message-signing key; REPORT_DATA binds it together with
/// the node id, the provider, the channel key and the nonce (null only from senders that predate it,
/// whose reports no longer verify). SecureTsc is the node's own observation of its clock source
/// ("true", "false", "unknown"; null from senders that predate it): not covered by the report's
/// signature, but the SEV_FEATURES it reflects are part of the measured launch (see SecureTsc).
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
    byte[]? SigningPublicKey = null,
    string? SecureTsc = null);
