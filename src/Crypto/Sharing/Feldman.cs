using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Sharing;

/// <summary>Feldman VSS share check over Ed25519 (the FROST API): a share s for x is good when s·B = Σ φ_k·x^k.</summary>
public static class Feldman
{
    public static bool Verify(Scalar share, ParticipantId x, FeldmanCommitment commitment)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(commitment);
        return FeldmanVss<Ed25519PrimeOrderGroup, Point>.Verify(share.Secret, x, commitment.Coefficients);
    }
}
