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
    public byte[] ToBytes() =>
        [.. FrostWire.WriteCommitmentBroadcast(FrostWire.Kind.RefreshRound1Package, Sender, Commitment, skip: 1)];

    public static Result<RefreshRound1Package, FrostError> FromBytes(ReadOnlySpan<byte> bytes)
    {
        var r = new FrostWire.Reader(bytes);
        var e = FrostWire.ReadCommitmentBroadcast(ref r, FrostWire.Kind.RefreshRound1Package, skip: 1, trailing: 0, out var id, out var points);
        e ??= r.End();
        return e is null ? new RefreshRound1Package(id, new FeldmanCommitment(points.MoveToImmutable())) : e.As<RefreshRound1Package>();
    }
}
