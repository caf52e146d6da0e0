using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// One message a purpose prepared for signing, with the evidence participants check it against
/// (RFC 3161: the signed attributes and their TSTInfo; CSR: the CertificationRequestInfo, no evidence),
/// and the transparency-log tree head an RFC 3161 item declares (null for every other item).
/// </summary>
internal sealed record PreparedMessage(byte[] Message, byte[] Evidence, LogHead? Head = null);
