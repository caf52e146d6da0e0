using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Port to a signing round of the threshold group key over raw bytes (here: a CSR's
/// CertificationRequestInfo, the proof of possession). The fleet implements it with
/// SignRawMessage → RawMessageSigned on the bus; the answer is the scheme's native signature
/// (Ed25519: 64 bytes; ECDSA: DER Ecdsa-Sig-Value). Fewer than t signers is an answer
/// (<see cref="SigningUnavailable"/>), not an exception.
/// </summary>
public interface IThresholdSigner
{
    /// <summary>Signs with the epoch's FROST-Ed25519 key.</summary>
    Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);

    /// <summary>Signs with the epoch's key of <paramref name="scheme"/> ("frost-ed25519", "ecdsa-p384").</summary>
    Task<Result<byte[], SigningUnavailable>> SignAsync(KeyEpoch epoch, string scheme, ReadOnlyMemory<byte> message, CancellationToken cancellationToken);
}
