namespace CcTsa.Signer.Coordinator;

/// <summary>
/// One message a purpose prepared for signing, with the evidence participants check it against
/// (RFC 3161: the signed attributes and their TSTInfo; CSR: the CertificationRequestInfo, no evidence).
/// </summary>
internal sealed record PreparedMessage(byte[] Message, byte[] Evidence);
