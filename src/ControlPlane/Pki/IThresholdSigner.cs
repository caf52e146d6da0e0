using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Port to a signing round of the threshold group key over raw bytes (here: a CSR's
/// CertificationRequestInfo, the proof of possession). The fleet implements it with
/// SignRawMessage → RawMessageSigned on the bus; the answer is the scheme's native signature
/// (Ed25519: 64 bytes). Fewer than t signers is an exception: no certificate can be made then.
/// </summary>
public interface IThresholdSigner
{
    Task<byte[]> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
