using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// A participant's public nonce commitments for one signing round (RFC 9591 §5.1): D = d·B
/// (hiding) and E = e·B (binding). Published ahead of time in batches; each is used once.
/// </summary>
public sealed record SigningCommitments(ParticipantId Identifier, Point Hiding, Point Binding)
{
    public const int EncodedSize = FrostWire.HeaderSize + 96;

    public byte[] ToBytes()
    {
        var o = new List<byte>(EncodedSize);
        FrostWire.WriteHeader(o, FrostWire.Kind.SigningCommitments);
        WriteBody(o);
        return [.. o];
    }

    internal void WriteBody(List<byte> o)
    {
        FrostWire.WriteId(o, Identifier);
        o.AddRange(Hiding.Encoding);
        o.AddRange(Binding.Encoding);
    }

    public static Result<SigningCommitments, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        SigningCommitments? c = null;
        var e = r.Header(FrostWire.Kind.SigningCommitments);
        e ??= ReadBody(ref r, out c);
        e ??= r.End();
        return e is null ? c! : Result<SigningCommitments, FrostError>.Fail(e);
    }

    internal static FrostError? ReadBody(ref FrostWire.Reader r, out SigningCommitments? c)
    {
        c = null;
        if (r.Id(out var id) is { } e1) return e1;
        if (r.Point(out var d) is { } e2) return e2;
        if (r.Point(out var b) is { } e3) return e3;
        c = new SigningCommitments(id, d, b);
        return null;
    }
}
