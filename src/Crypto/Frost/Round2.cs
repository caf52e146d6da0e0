using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// RFC 9591 §5.2 sign: z_i = d_i + e_i·ρ_i + λ_i·s_i·c. The nonces are consumed (disposed) by
/// every call, success or not, so one nonce pair can never sign two packages.
/// </summary>
public static class Round2
{
    public static Result<SignatureShare, FrostError> Sign(SigningPackage package, SigningNonces nonces, KeyPackage key)
    {
        ArgumentNullException.ThrowIfNull(package);
        ArgumentNullException.ThrowIfNull(nonces);
        ArgumentNullException.ThrowIfNull(key);
        ObjectDisposedException.ThrowIf(nonces.IsDisposed, nonces);
        try
        {
            var mine = package.CommitmentsOf(key.Identifier);
            if (mine is null || mine != nonces.Commitments)
                return FrostError.Of(FrostFailure.MissingOrMismatchedCommitment, "the package does not carry this signer's commitments for these nonces").As<SignatureShare>();
            if (package.Commitments.Length < key.MinSigners)
                return FrostError.Of(FrostFailure.IncorrectNumberOfParticipants, $"{package.Commitments.Length} signers, at least {key.MinSigners} needed").As<SignatureShare>();

            var (rho, _, c) = package.Derive(key.VerifyingKey);
            var lambda = Lagrange.AtZero(key.Identifier, package.Signers);
            Span<byte> z = stackalloc byte[32];
            Span<byte> t = stackalloc byte[32];
            try
            {
                // z = d + e·ρ + (λ·c)·s; only the public factor λ·c touches the share.
                Ed25519Group.ScalarMul(t, nonces.Binding, rho[key.Identifier].Encoding);
                Ed25519Group.ScalarAdd(z, nonces.Hiding, t);
                Ed25519Group.ScalarMul(t, key.SigningShare.Secret, (lambda * c).Encoding);
                Ed25519Group.ScalarAdd(z, z, t);
                return new SignatureShare(key.Identifier, PublicScalar.FromTrusted(z));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(t);
            }
        }
        finally
        {
            nonces.Dispose();
        }
    }
}
