namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// A verifier (a peer node, or the control plane when Requester is null) asks Target for a fresh
/// report whose REPORT_DATA = SHA-512(channel public key ‖ Nonce).
/// </summary>
public sealed record AttestationRequested(NodeId Target, NodeId? Requester, byte[] Nonce);
