using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>A participant's signature share z_i (RFC 9591 §5.2). Public: it travels to the coordinator.</summary>
public sealed record SignatureShare(ParticipantId Identifier, PublicScalar Share)
{
    public const int EncodedSize = FrostWire.HeaderSize + 64;

    public byte[] ToBytes()
    {
        var o = new List<byte>(EncodedSize);
        FrostWire.WriteHeader(o, FrostWire.Kind.SignatureShare);
        FrostWire.WriteId(o, Identifier);
        o.AddRange(Share.Encoding);
        return [.. o];
    }

    public static Result<SignatureShare, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        ParticipantId id = default;
        PublicScalar z = default;
        var e = r.Header(FrostWire.Kind.SignatureShare);
        e ??= r.Id(out id);
        e ??= r.Scalar(out z);
        e ??= r.End();
        return e is null ? new SignatureShare(id, z) : Result<SignatureShare, FrostError>.Fail(e);
    }
}
