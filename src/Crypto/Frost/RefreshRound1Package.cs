using System.Collections.Immutable;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Proactive-refresh round-1 broadcast: the Feldman commitment of a polynomial whose constant term
/// is zero. φ_0 is the identity by construction and is not transmitted, so a peer cannot shift the
/// group key. Public.
/// </summary>
public sealed record RefreshRound1Package
{
    internal RefreshRound1Package(ParticipantId sender, FeldmanCommitment commitment)
    {
        if (!commitment.ConstantTerm.IsIdentity) throw new ArgumentException("A refresh commitment has a zero constant term.", nameof(commitment));
        Sender = sender;
        Commitment = commitment;
    }

    public ParticipantId Sender { get; }

    public FeldmanCommitment Commitment { get; }

    /// <summary>Header ‖ sender ‖ u16 t ‖ (t−1) × φ_k for k ≥ 1.</summary>
    public byte[] ToBytes()
    {
        var o = new List<byte>();
        FrostWire.WriteHeader(o, FrostWire.Kind.RefreshRound1Package);
        FrostWire.WriteId(o, Sender);
        FrostWire.WriteU16(o, Commitment.Threshold);
        foreach (var p in Commitment.Coefficients.Skip(1)) o.AddRange(p.Encoding);
        return [.. o];
    }

    public static Result<RefreshRound1Package, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        ParticipantId id = default;
        int t = 0;
        var e = r.Header(FrostWire.Kind.RefreshRound1Package);
        e ??= r.Id(out id);
        e ??= r.U16(out t);
        if (e is null && t < 2) e = FrostError.Of(FrostFailure.InvalidCommitment, "a commitment has at least two coefficients");
        if (e is null && r.Remaining != (t - 1) * 32) e = FrostError.Of(FrostFailure.MalformedEncoding, "length does not match the coefficient count");
        var points = ImmutableArray.CreateBuilder<Point>(Math.Max(t, 1));
        points.Add(Point.Identity);
        for (int k = 1; e is null && k < t; k++)
        {
            e = r.Point(out var p);
            points.Add(p);
        }
        e ??= r.End();
        return e is null ? new RefreshRound1Package(id, new FeldmanCommitment(points.MoveToImmutable())) : e.As<RefreshRound1Package>();
    }
}
