using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// The byte format of every public FROST message: a 3-byte header (format version, ciphersuite,
/// message kind) then fixed-size fields. Parsing is strict: exact lengths, canonical scalars,
/// valid elements, no trailing bytes; every refusal is a <see cref="FrostError"/>.
/// </summary>
internal static class FrostWire
{
    public const byte Version = 1;
    public const int HeaderSize = 3;

    public enum Kind : byte
    {
        SigningCommitments = 1,
        SigningPackage = 2,
        SignatureShare = 3,
        PublicKeyPackage = 4,
        DkgRound1Package = 5,
        RefreshRound1Package = 6,
    }

    public static void WriteHeader(List<byte> o, Kind kind)
    {
        o.Add(Version);
        o.Add(Ciphersuite.Id);
        o.Add((byte)kind);
    }

    public static void WriteId(List<byte> o, ParticipantId id)
    {
        Span<byte> b = stackalloc byte[32];
        id.WriteTo(b);
        o.AddRange(b);
    }

    public static void WriteU16(List<byte> o, int v)
    {
        o.Add((byte)v);
        o.Add((byte)(v >> 8));
    }

    public static void WriteU32(List<byte> o, int v)
    {
        WriteU16(o, v & 0xffff);
        WriteU16(o, (v >> 16) & 0xffff);
    }

    /// <summary>Cursor over untrusted bytes. Each Read returns an error value instead of throwing.</summary>
    public ref struct Reader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _rest = data;

        public readonly int Remaining => _rest.Length;

        public FrostError? Header(Kind kind)
        {
            if (_rest.Length < HeaderSize) return Malformed("shorter than the header");
            if (_rest[0] != Version) return FrostError.Of(FrostFailure.UnsupportedVersion, $"format version {_rest[0]} is not {Version}");
            if (_rest[1] != Ciphersuite.Id) return FrostError.Of(FrostFailure.WrongCiphersuite, "not FROST-ED25519-SHA512-v1");
            if (_rest[2] != (byte)kind) return FrostError.Of(FrostFailure.WrongMessageKind, $"expected a {kind}");
            _rest = _rest[HeaderSize..];
            return null;
        }

        public FrostError? Bytes(int n, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (n < 0 || _rest.Length < n) return Malformed("truncated");
            value = _rest[..n];
            _rest = _rest[n..];
            return null;
        }

        public FrostError? Id(out ParticipantId id)
        {
            id = default;
            if (Bytes(32, out var b) is { } e) return e;
            return ParticipantId.TryDecode(b, out id) ? null : FrostError.Of(FrostFailure.InvalidIdentifier, "identifier is not a scalar 1..65535");
        }

        public FrostError? Point(out Point p)
        {
            p = default;
            if (Bytes(32, out var b) is { } e) return e;
            return Ed25519.Point.TryDecode(b, out p) ? null : FrostError.Of(FrostFailure.InvalidElement, "element is not a valid prime-order point");
        }

        public FrostError? Scalar(out PublicScalar s)
        {
            s = default;
            if (Bytes(32, out var b) is { } e) return e;
            return PublicScalar.TryDecode(b, out s) ? null : FrostError.Of(FrostFailure.InvalidScalar, "scalar is not canonical");
        }

        public FrostError? U16(out int v)
        {
            v = 0;
            if (Bytes(2, out var b) is { } e) return e;
            v = b[0] | (b[1] << 8);
            return null;
        }

        public FrostError? U32(out int v)
        {
            v = 0;
            if (Bytes(4, out var b) is { } e) return e;
            var u = (uint)(b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24));
            if (u > int.MaxValue) return Malformed("length out of range");
            v = (int)u;
            return null;
        }

        public readonly FrostError? End() => _rest.IsEmpty ? null : Malformed("trailing bytes");

        private static FrostError Malformed(string why) => FrostError.Of(FrostFailure.MalformedEncoding, why);
    }
}
