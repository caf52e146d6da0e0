using System.Security.Cryptography;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// RFC 9591 §5.1 commit: fresh hiding and binding nonces with their commitments. Each nonce is
/// nonce_generate(secret) = H3(random(32) ‖ SerializeScalar(secret)) (§4.1), so a weak RNG alone
/// does not leak the share.
/// </summary>
public static class Round1
{
    /// <summary>New single-use nonces for <paramref name="key"/>'s participant; publish <c>nonces.Commitments</c>.</summary>
    public static SigningNonces Commit(KeyPackage key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> randomness = stackalloc byte[64];
        try
        {
            RandomNumberGenerator.Fill(randomness);
            return Commit(key, randomness[..32], randomness[32..]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(randomness);
        }
    }

    /// <summary>Deterministic form for RFC vectors. Internal only: callers must never choose randomness.</summary>
    internal static SigningNonces Commit(KeyPackage key, ReadOnlySpan<byte> hidingRandomness, ReadOnlySpan<byte> bindingRandomness)
    {
        var nonces = SecretHandle.Allocate(64);
        var ok = false;
        try
        {
            NonceGenerate(nonces.Span[..32], hidingRandomness, key.SigningShare);
            NonceGenerate(nonces.Span[32..], bindingRandomness, key.SigningShare);
            var commitments = new SigningCommitments(key.Identifier,
                Ed25519Group.BaseMul(nonces.Span[..32]), Ed25519Group.BaseMul(nonces.Span[32..]));
            ok = true;
            return new SigningNonces(nonces, commitments);
        }
        finally
        {
            if (!ok) nonces.Dispose();
        }
    }

    private static void NonceGenerate(Span<byte> nonce, ReadOnlySpan<byte> randomness, Scalar secret)
    {
        if (randomness.Length != 32) throw Throw.Argument(nameof(randomness), "Nonce randomness is 32 bytes.");
        Span<byte> input = stackalloc byte[64];
        try
        {
            randomness.CopyTo(input);
            secret.Secret.CopyTo(input[32..]);
            Ciphersuite.H3(nonce, input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
