using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// Sealing of secret scalar packages (format 2): the sender makes a fresh X25519 key pair per
/// message and key = HKDF-SHA256(X25519(ephemeral, recipient) ‖ X25519(sender, recipient),
/// info = context ‖ kind ‖ both static keys ‖ ephemeral public key), then XChaCha20-Poly1305 with a
/// random nonce, header (version, kind, ephemeral public key) as associated data. The static-static
/// term authenticates the sender; the ephemeral term, whose secret is wiped once the message is
/// sealed, means a later theft of the sender's static key does not open recorded payloads. (A
/// theft of the recipient's static key still does: both terms are computable with it. Closing that
/// needs a recipient-side ephemeral key per ceremony.) Plaintext exists only in sodium_malloc memory.
/// </summary>
internal static class ChannelSeal
{
    public const byte Version = 2;
    private const int EphemeralSize = 32;
    private const int HeaderSize = 2 + EphemeralSize;
    private const int PlainSize = 128; // sender id ‖ recipient id ‖ subject id (or zero) ‖ scalar
    private const int NonceSize = Libsodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    private const int TagSize = Libsodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
    public const int PayloadSize = HeaderSize + NonceSize + PlainSize + TagSize;

    public enum Kind : byte
    {
        DkgShare = 1,
        RepairDelta = 2,
        RepairSigma = 3,
    }

    public readonly record struct Opened(ParticipantId Sender, ParticipantId Recipient, ParticipantId? Subject, Scalar Value);

    public static SealedSecret Seal(Kind kind, ParticipantId sender, ParticipantId recipient, ParticipantId? subject, Scalar value,
        ChannelPublicKey recipientKey, ChannelKeyPair senderKeys, SealContext context)
    {
        ArgumentNullException.ThrowIfNull(senderKeys);
        ArgumentNullException.ThrowIfNull(context);
        if (ParticipantId.FromNode(context.Sender) != sender || ParticipantId.FromNode(context.Recipient) != recipient)
            throw Throw.Argument(nameof(context), "Seal context nodes do not match the package's sender and recipient.");
        var payload = new byte[PayloadSize];
        payload[0] = Version;
        payload[1] = (byte)kind;
        using var ephemeral = ChannelKeyPair.Generate();
        ephemeral.PublicKey.Bytes.CopyTo(payload.AsSpan(2, EphemeralSize));
        RandomNumberGenerator.Fill(payload.AsSpan(HeaderSize, NonceSize));
        using var plain = SecretHandle.Allocate(PlainSize);
        sender.WriteTo(plain.Span);
        recipient.WriteTo(plain.Span[32..]);
        if (subject is { } s) s.WriteTo(plain.Span[64..]);
        value.Secret.CopyTo(plain.Span[96..]);
        Span<byte> key = stackalloc byte[32];
        try
        {
            if (!DeriveKey(key, kind, senderKeys, recipientKey, ephemeral, recipientKey, senderKeys.PublicKey, recipientKey, ephemeral.PublicKey, context))
                throw Throw.Argument(nameof(recipientKey), "Recipient channel key is of low order.");
            var rc = Libsodium.crypto_aead_xchacha20poly1305_ietf_encrypt(payload.AsSpan(HeaderSize + NonceSize), out _, plain.Span, PlainSize,
                payload.AsSpan(0, HeaderSize), HeaderSize, IntPtr.Zero, payload.AsSpan(HeaderSize, NonceSize), key);
            if (rc != 0) throw Throw.Native("crypto_aead_xchacha20poly1305_ietf_encrypt");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return new SealedSecret(payload);
    }

    public static Result<Opened, ChannelError> Open(Kind kind, SealedSecret sealedSecret, ChannelKeyPair recipientKeys, ChannelPublicKey senderKey, SealContext context)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        ArgumentNullException.ThrowIfNull(recipientKeys);
        ArgumentNullException.ThrowIfNull(context);
        var p = sealedSecret.Payload;
        if (p is null || p.Length != PayloadSize || p[0] != Version) return Fail(ChannelFailure.Malformed, $"not a sealed payload of format version {Version}");
        if (p[1] != (byte)kind) return Fail(ChannelFailure.WrongKind, $"expected a sealed {kind}");
        Span<byte> key = stackalloc byte[32];
        var plain = SecretHandle.Allocate(PlainSize);
        try
        {
            if (!ChannelPublicKey.TryFromBytes(p.AsSpan(2, EphemeralSize), out var ephemeral)
                || !DeriveKey(key, kind, recipientKeys, senderKey, recipientKeys, ephemeral, senderKey, recipientKeys.PublicKey, ephemeral, context))
                return Fail(ChannelFailure.InvalidPeerKey, "sender or ephemeral channel key is of low order");
            var rc = Libsodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain.Span, out _, IntPtr.Zero, p.AsSpan(HeaderSize + NonceSize),
                (ulong)(PlainSize + TagSize), p.AsSpan(0, HeaderSize), HeaderSize, p.AsSpan(HeaderSize, NonceSize), key);
            if (rc != 0) return Fail(ChannelFailure.AuthenticationFailed, "wrong key, wrong context or tampered payload");
            var span = plain.Span;
            if (!ParticipantId.TryDecode(span[..32], out var sender) || !ParticipantId.TryDecode(span[32..64], out var recipient)
                || sender != ParticipantId.FromNode(context.Sender) || recipient != ParticipantId.FromNode(context.Recipient))
                return Fail(ChannelFailure.InvalidContent, "identifiers do not match the context");
            ParticipantId? subject = null;
            if (!Ed25519Group.IsZeroScalar(span[64..96]))
            {
                if (!ParticipantId.TryDecode(span[64..96], out var sub)) return Fail(ChannelFailure.InvalidContent, "bad subject identifier");
                subject = sub;
            }
            var value = Scalar.TryFrom(span[96..]);
            if (value is null) return Fail(ChannelFailure.InvalidContent, "scalar is not canonical");
            return new Opened(sender, recipient, subject, value);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            plain.Dispose();
        }
    }

    /// <summary>
    /// ikm = X25519(ephemeral term) ‖ X25519(static-static term). Sender: (ephemeral, recipient) and
    /// (sender, recipient); recipient: (recipient, ephemeral public) and (recipient, sender).
    /// </summary>
    private static bool DeriveKey(Span<byte> key, Kind kind, ChannelKeyPair own, ChannelPublicKey peer,
        ChannelKeyPair ephemeralOwn, ChannelPublicKey ephemeralPeer,
        ChannelPublicKey senderKey, ChannelPublicKey recipientKey, ChannelPublicKey ephemeralKey, SealContext context)
    {
        Span<byte> shared = stackalloc byte[64];
        try
        {
            if (!ephemeralOwn.TryAgree(ephemeralPeer, shared[..32]) || !own.TryAgree(peer, shared[32..])) return false;
            var info = context.Info(kind.ToString(), senderKey, recipientKey).Concat(ephemeralKey.Bytes.ToArray()).ToArray();
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, key, "cctsa-channel-v2"u8, info);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static Result<Opened, ChannelError> Fail(ChannelFailure f, string detail) => Result<Opened, ChannelError>.Fail(new ChannelError(f, detail));
}
