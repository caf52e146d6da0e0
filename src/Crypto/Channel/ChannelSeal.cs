using System.Security.Cryptography;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// Sealing of secret scalar packages (format 3, forward secret on both sides). The recipient makes
/// one X25519 key pair per ceremony (its public half announced in a message the recipient signed,
/// its private half wiped when the ceremony ends); the sender makes a fresh X25519 key pair per
/// message. key = HKDF-SHA256(X25519(sender ephemeral, recipient ceremony key), info = context ‖
/// kind ‖ both ephemeral public keys), then XChaCha20-Poly1305 with a random nonce, header (version,
/// kind, sender ephemeral public key, recipient ceremony public key) as associated data. No static
/// key takes part: a later theft of any node's static channel key opens nothing recorded. Sender
/// authenticity comes from the node signature on the message that carries the payload; the header
/// names the recipient key the sender sealed to, so a complaint can prove it (see
/// <see cref="Frost.Dkg.ShareComplaint"/>). Plaintext exists only in sodium_malloc memory.
/// </summary>
internal static class ChannelSeal
{
    public const byte Version = 3;
    private const int EphemeralSize = 32;
    private const int HeaderSize = 2 + 2 * EphemeralSize;
    private const int IdsSize = 96; // sender id ‖ recipient id ‖ subject id (or zero), then the value
    private const int PlainSize = IdsSize + 32; // Ed25519 kinds: a 32-byte scalar
    private const int NonceSize = Libsodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    private const int TagSize = Libsodium.crypto_aead_xchacha20poly1305_ietf_ABYTES;
    public const int PayloadSize = HeaderSize + NonceSize + PlainSize + TagSize;

    public enum Kind : byte
    {
        DkgShare = 1,
        RepairDelta = 2,
        RepairSigma = 3,
        // the threshold-ECDSA (P-384, 48-byte scalar) counterparts, sealed the same way beside the FROST ones
        DkgShareP384 = 4,
        RepairDeltaP384 = 5,
        RepairSigmaP384 = 6,
        // a DKLs23 pairwise setup's zero-share seed opening (seed ‖ salt), sealed to the peer's single-use setup key
        SetupSeed = 7,
        // threshold ML-DSA-65: a DKG pair package (3 subset seed contributions ‖ pair-mask contribution)
        // and a redistribution package (the 3 subset seeds a helper shares with the replacement node)
        MlDsaDkgPair = 8,
        MlDsaSubsetSeeds = 9,
    }

    /// <summary>Size of the secret value a kind carries: 48 bytes for the P-384 kinds, 32 for the Ed25519 ones.</summary>
    public static int ValueSize(Kind kind) => kind switch
    {
        Kind.DkgShareP384 or Kind.RepairDeltaP384 or Kind.RepairSigmaP384 => 48,
        Kind.SetupSeed => 64,
        Kind.MlDsaDkgPair => 128,
        Kind.MlDsaSubsetSeeds => 192,
        _ => 32,
    };

    /// <summary>Whole sealed payload size of a kind.</summary>
    public static int PayloadSizeOf(Kind kind) => HeaderSize + NonceSize + IdsSize + ValueSize(kind) + TagSize;

    public readonly record struct Opened(ParticipantId Sender, ParticipantId Recipient, ParticipantId? Subject, Scalar Value);

    public static SealedSecret Seal(Kind kind, ParticipantId sender, ParticipantId recipient, ParticipantId? subject, Scalar value,
        ChannelPublicKey recipientCeremonyKey, SealContext context)
    {
        ArgumentNullException.ThrowIfNull(value);
        return SealBytes(kind, sender, recipient, subject, value.Secret, recipientCeremonyKey, context);
    }

    /// <summary>Seals a secret value of <see cref="ValueSize"/> bytes (the P-384 kinds use this directly).</summary>
    public static SealedSecret SealBytes(Kind kind, ParticipantId sender, ParticipantId recipient, ParticipantId? subject, ReadOnlySpan<byte> value,
        ChannelPublicKey recipientCeremonyKey, SealContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plainSize = IdsSize + ValueSize(kind);
        if (value.Length != ValueSize(kind)) throw Throw.Argument(nameof(value), $"A sealed {kind} carries {ValueSize(kind)} bytes.");
        if (ParticipantId.FromNode(context.Sender) != sender || ParticipantId.FromNode(context.Recipient) != recipient)
            throw Throw.Argument(nameof(context), "Seal context nodes do not match the package's sender and recipient.");
        var payload = new byte[PayloadSizeOf(kind)];
        payload[0] = Version;
        payload[1] = (byte)kind;
        using var ephemeral = ChannelKeyPair.Generate();
        ephemeral.PublicKey.Bytes.CopyTo(payload.AsSpan(2, EphemeralSize));
        recipientCeremonyKey.Bytes.CopyTo(payload.AsSpan(2 + EphemeralSize, EphemeralSize));
        RandomNumberGenerator.Fill(payload.AsSpan(HeaderSize, NonceSize));
        using var plain = SecretHandle.Allocate(plainSize);
        sender.WriteTo(plain.Span);
        recipient.WriteTo(plain.Span[32..]);
        if (subject is { } s) s.WriteTo(plain.Span[64..]);
        value.CopyTo(plain.Span[IdsSize..]);
        Span<byte> key = stackalloc byte[32];
        try
        {
            if (!DeriveKey(key, kind, ephemeral, recipientCeremonyKey, ephemeral.PublicKey, recipientCeremonyKey, context))
                throw Throw.Argument(nameof(recipientCeremonyKey), "Recipient ceremony key is of low order.");
            var rc = Libsodium.crypto_aead_xchacha20poly1305_ietf_encrypt(payload.AsSpan(HeaderSize + NonceSize), out _, plain.Span, (ulong)plainSize,
                payload.AsSpan(0, HeaderSize), HeaderSize, IntPtr.Zero, payload.AsSpan(HeaderSize, NonceSize), key);
            if (rc != 0) throw Throw.Native("crypto_aead_xchacha20poly1305_ietf_encrypt");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
        return new SealedSecret(payload);
    }

    /// <summary>The recipient ceremony key a payload was sealed to (from its header); null when malformed.</summary>
    public static ChannelPublicKey? SealedTo(SealedSecret sealedSecret)
    {
        var p = sealedSecret?.Payload;
        if (p is null || p.Length < HeaderSize || p[0] != Version || !Enum.IsDefined((Kind)p[1]) || p.Length != PayloadSizeOf((Kind)p[1])) return null;
        return ChannelPublicKey.TryFromBytes(p.AsSpan(2 + EphemeralSize, EphemeralSize), out var k) ? k : null;
    }

    public static Result<Opened, ChannelError> Open(Kind kind, SealedSecret sealedSecret, ChannelKeyPair recipientKeys, SealContext context)
    {
        var opened = OpenBytes(kind, sealedSecret, recipientKeys, context);
        if (!opened.TryGet(out var o, out var error)) return Fail(error.Failure, error.Detail);
        using (o.Value)
        {
            var value = Scalar.TryFrom(o.Value.Span);
            if (value is null) return Fail(ChannelFailure.InvalidContent, "scalar is not canonical");
            return new Opened(o.Sender, o.Recipient, o.Subject, value);
        }
    }

    /// <summary>An opened package whose value is raw secret bytes (sodium memory; the caller disposes it).</summary>
    public readonly record struct OpenedBytes(ParticipantId Sender, ParticipantId Recipient, ParticipantId? Subject, SecretHandle Value);

    public static Result<OpenedBytes, ChannelError> OpenBytes(Kind kind, SealedSecret sealedSecret, ChannelKeyPair recipientKeys, SealContext context)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        ArgumentNullException.ThrowIfNull(recipientKeys);
        ArgumentNullException.ThrowIfNull(context);
        var p = sealedSecret.Payload;
        if (p is null || p.Length < HeaderSize || p[0] != Version) return FailBytes(ChannelFailure.Malformed, $"not a sealed payload of format version {Version}");
        if (p[1] != (byte)kind) return FailBytes(ChannelFailure.WrongKind, $"expected a sealed {kind}");
        var plainSize = IdsSize + ValueSize(kind);
        if (p.Length != PayloadSizeOf(kind)) return FailBytes(ChannelFailure.Malformed, $"a sealed {kind} has {PayloadSizeOf(kind)} bytes");
        if (!p.AsSpan(2 + EphemeralSize, EphemeralSize).SequenceEqual(recipientKeys.PublicKey.Bytes))
            return FailBytes(ChannelFailure.AuthenticationFailed, "sealed to another ceremony key");
        Span<byte> key = stackalloc byte[32];
        var plain = SecretHandle.Allocate(plainSize);
        try
        {
            if (!ChannelPublicKey.TryFromBytes(p.AsSpan(2, EphemeralSize), out var ephemeral)
                || !DeriveKey(key, kind, recipientKeys, ephemeral, ephemeral, recipientKeys.PublicKey, context))
                return FailBytes(ChannelFailure.InvalidPeerKey, "sender ephemeral key is of low order");
            var rc = Libsodium.crypto_aead_xchacha20poly1305_ietf_decrypt(plain.Span, out _, IntPtr.Zero, p.AsSpan(HeaderSize + NonceSize),
                (ulong)(plainSize + TagSize), p.AsSpan(0, HeaderSize), HeaderSize, p.AsSpan(HeaderSize, NonceSize), key);
            if (rc != 0) return FailBytes(ChannelFailure.AuthenticationFailed, "wrong key, wrong context or tampered payload");
            var span = plain.Span;
            if (!ParticipantId.TryDecode(span[..32], out var sender) || !ParticipantId.TryDecode(span[32..64], out var recipient)
                || sender != ParticipantId.FromNode(context.Sender) || recipient != ParticipantId.FromNode(context.Recipient))
                return FailBytes(ChannelFailure.InvalidContent, "identifiers do not match the context");
            ParticipantId? subject = null;
            if (!Ed25519Group.IsZeroScalar(span[64..96]))
            {
                if (!ParticipantId.TryDecode(span[64..96], out var sub)) return FailBytes(ChannelFailure.InvalidContent, "bad subject identifier");
                subject = sub;
            }
            return new OpenedBytes(sender, recipient, subject, SecretHandle.CopyOf(span[IdsSize..]));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            plain.Dispose();
        }
    }

    /// <summary>
    /// ikm = X25519(own, peer): sender (its per-message ephemeral, the recipient's ceremony key),
    /// recipient (its ceremony key, the sender's ephemeral public key). Both public keys go in info.
    /// </summary>
    private static bool DeriveKey(Span<byte> key, Kind kind, ChannelKeyPair own, ChannelPublicKey peer,
        ChannelPublicKey senderEphemeral, ChannelPublicKey recipientCeremonyKey, SealContext context)
    {
        Span<byte> shared = stackalloc byte[32];
        try
        {
            if (!own.TryAgree(peer, shared)) return false;
            var info = context.Info(kind.ToString(), senderEphemeral, recipientCeremonyKey);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, key, "cctsa-channel-v3"u8, info);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(shared);
        }
    }

    private static Result<Opened, ChannelError> Fail(ChannelFailure f, string detail) => Result<Opened, ChannelError>.Fail(new ChannelError(f, detail));

    private static Result<OpenedBytes, ChannelError> FailBytes(ChannelFailure f, string detail) => Result<OpenedBytes, ChannelError>.Fail(new ChannelError(f, detail));
}
