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
        var o = FrostWire.WriteCommitmentBroadcast(FrostWire.Kind.DkgRound1Package, Sender, Commitment, skip: 0);
        o.AddRange(ProofOfKnowledge.ToArray());
        return [.. o];
    }

    public static Result<Round1Package, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        var e = FrostWire.ReadCommitmentBroadcast(ref r, FrostWire.Kind.DkgRound1Package, skip: 0, trailing: 64, out var id, out var points);
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
