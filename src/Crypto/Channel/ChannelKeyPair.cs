using System.ComponentModel;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// An X25519 key pair in sodium_malloc memory, wiped on Dispose: a node's static channel key (its
/// public half goes into the attestation report; the private key never leaves), or a participant's
/// single-use ceremony key (sealed secrets of one ceremony are opened with it alone; its private key
/// leaves only as complaint evidence once that ceremony is being aborted, see <see cref="RevealForComplaint"/>).
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

    /// <summary>
    /// The private key of a single-use ceremony key, for a complaint's evidence: once a ceremony is
    /// being aborted the key opens nothing else (every seal to it belongs to this ceremony, whose
    /// shares are discarded), so revealing it lets every participant and the control plane open the
    /// disputed share themselves. Never call it on a static channel key; never log the result.
    /// </summary>
    public byte[] RevealForComplaint() => _private.Span.ToArray();

    /// <summary>A key pair from a revealed private key (complaint evidence); null when it is not 32 bytes.</summary>
    public static ChannelKeyPair? FromRevealed(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != Libsodium.crypto_scalarmult_SCALARBYTES) return null;
        var sk = SecretHandle.Allocate(Libsodium.crypto_scalarmult_SCALARBYTES);
        var ok = false;
        try
        {
            privateKey.CopyTo(sk.Span);
            Span<byte> pk = stackalloc byte[Libsodium.crypto_scalarmult_BYTES];
            if (Libsodium.crypto_scalarmult_base(pk, sk.Span) != 0) return null;
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
