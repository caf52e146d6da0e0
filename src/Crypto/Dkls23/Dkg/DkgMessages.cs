using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// DKG round 1 broadcast (notes §3, FROST-DKG shape over P-384): Feldman commitments A_k = a_k·G
/// (k &lt; t, SEC1 compressed) and a Schnorr proof of knowledge (R, z) of a_0 bound to the context and sender.
/// </summary>
public sealed record DkgRound1(ParticipantId From, byte[][] Commitments, byte[] ProofR, byte[] ProofZ)
{
    public override string ToString() => $"DkgRound1({From})";

    /// <summary>Wire form: sender ‖ t ‖ t compressed commitments ‖ R ‖ z (fixed widths, so the transcript hash covers one encoding).</summary>
    public byte[] ToBytes()
    {
        var size = 4 + 2 + (Commitments.Length * P384Point.CompressedSize) + P384Point.CompressedSize + P384Scalar.Size;
        var b = new byte[size];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(b, From.Value);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), (ushort)Commitments.Length);
        var at = 6;
        foreach (var c in Commitments.Append(ProofR))
        {
            if (c.Length != P384Point.CompressedSize) throw new InvalidOperationException("Commitment is not a compressed P-384 point.");
            c.CopyTo(b, at);
            at += P384Point.CompressedSize;
        }
        ProofZ.CopyTo(b, at);
        return b;
    }

    /// <summary>Parses <see cref="ToBytes"/>; shape only (points and the proof are checked by <see cref="DkgPart2"/>).</summary>
    public static DkgRound1? FromBytes(byte[]? b)
    {
        if (b is null || b.Length < 6) return null;
        var from = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(b);
        int t = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(4));
        if (from is <= 0 or > ParticipantId.MaxValue || t < 1 || t > 255 || b.Length != 6 + ((t + 1) * P384Point.CompressedSize) + P384Scalar.Size) return null;
        var points = new byte[t + 1][];
        for (var k = 0; k <= t; k++) points[k] = b.AsSpan(6 + (k * P384Point.CompressedSize), P384Point.CompressedSize).ToArray();
        return new DkgRound1(ParticipantId.FromIndex(from), points[..t], points[t], b.AsSpan(6 + ((t + 1) * P384Point.CompressedSize)).ToArray());
    }
}

/// <summary>DKG round 2, point to point (over the attested AEAD channel): the secret share f_From(To).</summary>
public sealed class DkgRound2 : IDisposable, ISharePackage
{
    private readonly SecretHandle _share;

    internal DkgRound2(ParticipantId from, ParticipantId to, P384Scalar share)
        : this(from, to, SecretHandle.Allocate(P384Scalar.Size)) => share.WriteTo(_share.Span);

    /// <summary>Takes ownership of a canonical share the generic DKG computed in secret memory.</summary>
    internal DkgRound2(ParticipantId from, ParticipantId to, SecretHandle share)
    {
        From = from;
        To = to;
        _share = share.Length == P384Scalar.Size ? share : throw new ArgumentException("A P-384 share is 48 bytes.", nameof(share));
    }

    public ParticipantId From { get; }

    public ParticipantId To { get; }

    ParticipantId ISharePackage.Sender => From;

    ParticipantId ISharePackage.Recipient => To;

    ReadOnlySpan<byte> ISharePackage.Secret => _share.Span;

    internal P384Scalar Share => P384Scalar.TryDecode(_share.Span, out var s) ? s : throw new InvalidOperationException("Corrupt share.");

    /// <summary>The only way this share leaves its holder: sealed to the recipient's ceremony key (P-384 kind of seal format 3).</summary>
    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        ChannelSeal.SealBytes(ChannelSeal.Kind.DkgShareP384, From, To, null, _share.Span, recipientCeremonyKey, context);

    /// <summary>Opens a sealed share; wrong key, context, tampering or a non-canonical scalar is an error value.</summary>
    public static Result<DkgRound2, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context)
    {
        var opened = ChannelSeal.OpenBytes(ChannelSeal.Kind.DkgShareP384, sealedSecret, recipientCeremonyKeys, context);
        if (!opened.TryGet(out var o, out var error)) return Result<DkgRound2, ChannelError>.Fail(error);
        using (o.Value)
        {
            if (o.Subject is not null || !P384Scalar.TryDecode(o.Value.Span, out var share))
                return Result<DkgRound2, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, "not a canonical P-384 share"));
            return new DkgRound2(o.Sender, o.Recipient, share);
        }
    }

    public void Dispose() => _share.Dispose();

    public override string ToString() => $"DkgRound2({From}→{To}, [redacted])";
}
