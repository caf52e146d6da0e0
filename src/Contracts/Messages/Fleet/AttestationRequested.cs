namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// A verifier (a peer node, or the control plane when Requester is null) asks Target for a fresh
/// report whose REPORT_DATA binds the node id, provider, channel and message-signing keys and Nonce
/// (see CcTsa.Crypto.Attestation.ReportDataBinding).
/// </summary>
public sealed record AttestationRequested(NodeId Target, NodeId? Requester, byte[] Nonce);
