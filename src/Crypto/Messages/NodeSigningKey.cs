using System.ComponentModel;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Messages;

/// <summary>
/// A node's Ed25519 message-signing key (RFC 8032; 32-byte public key, 64-byte signatures). It is
/// generated inside the enclave at node start and its public half is bound in REPORT_DATA (see
/// <see cref="Attestation.ReportDataBinding"/>), so a verified report tells peers which key speaks
/// for the node. The secret key lives in sodium_malloc memory and has no export path: it signs
/// protocol messages and nothing else, and dies with the node.
/// </summary>
public sealed class NodeSigningKey : IDisposable
{
    public const int PublicKeySize = Libsodium.crypto_sign_ed25519_PUBLICKEYBYTES;
    public const int SignatureSize = Libsodium.crypto_sign_ed25519_BYTES;

    private readonly SecretHandle _secret;
    private readonly byte[] _public;

    private NodeSigningKey(SecretHandle secret, byte[] publicKey)
    {
        _secret = secret;
        _public = publicKey;
    }

    /// <summary>The public key (a copy), as bound in the attestation report.</summary>
    public byte[] PublicKey => (byte[])_public.Clone();

    public static NodeSigningKey Generate()
    {
        var sk = SecretHandle.Allocate(Libsodium.crypto_sign_ed25519_SECRETKEYBYTES);
        var ok = false;
        Span<byte> seed = stackalloc byte[Libsodium.crypto_sign_ed25519_SEEDBYTES];
        try
        {
            RandomNumberGenerator.Fill(seed);
            var pk = new byte[PublicKeySize];
            if (Libsodium.crypto_sign_ed25519_seed_keypair(pk, sk.Span, seed) != 0) throw Throw.Native("crypto_sign_ed25519_seed_keypair");
            ok = true;
            return new NodeSigningKey(sk, pk);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            if (!ok) sk.Dispose();
        }
    }

    /// <summary>The detached signature of <paramref name="message"/>.</summary>
    public byte[] Sign(ReadOnlySpan<byte> message)
    {
        var sig = new byte[SignatureSize];
        if (Libsodium.crypto_sign_ed25519_detached(sig, out _, message, (ulong)message.Length, _secret.Span) != 0)
            throw Throw.Native("crypto_sign_ed25519_detached");
        return sig;
    }

    /// <summary>Strict RFC 8032 verification; false (never a throw) for a wrong size or a bad signature.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (publicKey.Length != PublicKeySize || signature.Length != SignatureSize) return false;
        Sodium.EnsureInitialized();
        return Libsodium.crypto_sign_ed25519_verify_detached(signature, message, (ulong)message.Length, publicKey) == 0;
    }

    public void Dispose() => _secret.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"NodeSigningKey({Convert.ToHexStringLower(_public)}, [redacted])";
}
