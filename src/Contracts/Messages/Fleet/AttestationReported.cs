namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>The answer to <see cref="AttestationRequested"/>: the raw SEV-SNP report and its VCEK chain.</summary>
public sealed record AttestationReported(
    NodeId Node,
    NodeId? Requester,
    string Provider,
    byte[] Nonce,
    byte[] Report,
    byte[] VcekDer,
    byte[] AskDer,
    byte[] ArkDer,
    byte[] ChannelPublicKey);
