using System.ComponentModel;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// A node's X25519 channel key pair. The private key lives in sodium_malloc memory and never
/// leaves it; the public key goes into the node's attestation report. Sealed, wiped on Dispose.
/// </summary>
public sealed class ChannelKeyPair : IDisposable
{
    private readonly SecretHandle _private;

    private ChannelKeyPair(SecretHandle privateKey, ChannelPublicKey publicKey)
    {
        _private = privateKey;
        PublicKey = publicKey;
    }

    public ChannelPublicKey PublicKey { get; }

    public static ChannelKeyPair Generate()
    {
        var sk = SecretHandle.Allocate(Libsodium.crypto_scalarmult_SCALARBYTES);
        var ok = false;
        try
        {
            RandomNumberGenerator.Fill(sk.Span);
            Span<byte> pk = stackalloc byte[Libsodium.crypto_scalarmult_BYTES];
            if (Libsodium.crypto_scalarmult_base(pk, sk.Span) != 0) throw Throw.Native("crypto_scalarmult_base");
            ChannelPublicKey.TryFromBytes(pk, out var publicKey);
            ok = true;
            return new ChannelKeyPair(sk, publicKey);
        }
        finally
        {
            if (!ok) sk.Dispose();
        }
    }

    /// <summary>X25519(private, peer) into <paramref name="shared"/>; false for a low-order peer key (all-zero result).</summary>
    internal bool TryAgree(ChannelPublicKey peer, Span<byte> shared) =>
        Libsodium.crypto_scalarmult(shared, _private.Span, peer.Bytes) == 0;

    public void Dispose() => _private.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"ChannelKeyPair({PublicKey}, [redacted])";
}
