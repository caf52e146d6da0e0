using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// DKG round-1 broadcast (RFC 9591 Appendix C, frost-core dkg::round1::Package): the sender's
/// Feldman commitment and a Schnorr proof of knowledge of its constant term. Public.
/// </summary>
public sealed record Round1Package(ParticipantId Sender, FeldmanCommitment Commitment, Signature ProofOfKnowledge)
{
    /// <summary>Header ‖ sender ‖ u16 t ‖ t × φ_k ‖ R ‖ z.</summary>
    public byte[] ToBytes()
    {
        var o = new List<byte>();
        FrostWire.WriteHeader(o, FrostWire.Kind.DkgRound1Package);
        FrostWire.WriteId(o, Sender);
        FrostWire.WriteU16(o, Commitment.Threshold);
        foreach (var p in Commitment.Coefficients) o.AddRange(p.Encoding);
        o.AddRange(ProofOfKnowledge.ToArray());
        return [.. o];
    }

    public static Result<Round1Package, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        ParticipantId id = default;
        int t = 0;
        var e = r.Header(FrostWire.Kind.DkgRound1Package);
        e ??= r.Id(out id);
        e ??= r.U16(out t);
        if (e is null && t < 2) e = FrostError.Of(FrostFailure.InvalidCommitment, "a commitment has at least two coefficients");
        if (e is null && r.Remaining != (t * 32) + 64) e = FrostError.Of(FrostFailure.MalformedEncoding, "length does not match the coefficient count");
        var points = ImmutableArray.CreateBuilder<Point>(Math.Max(t, 0));
        for (int k = 0; e is null && k < t; k++)
        {
            e = r.Point(out var p);
            points.Add(p);
        }
        Point rr = default;
        PublicScalar z = default;
        e ??= r.Point(out rr);
        e ??= r.Scalar(out z);
        e ??= r.End();
        return e is null
            ? new Round1Package(id, new FeldmanCommitment(points.MoveToImmutable()), new Signature(rr, z))
            : e.As<Round1Package>();
    }
}
