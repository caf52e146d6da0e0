using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Dealerless key generation, part 1 (notes §3; the FROST DKG of RFC 9591 App. C / Komlo–Goldberg,
/// over P-384): sample f_i of degree t−1, commit to its coefficients, prove knowledge of f_i(0) so
/// no party can choose its constant term as a function of the others' (rogue-key). The algebra is
/// <see cref="PedersenDkg{TGroup, TPoint}"/>'s, shared with FROST; this keeps the DKLs23 message,
/// its oracle challenge and its errors.
/// </summary>
public static class DkgPart1
{
    public static (DkgSecret Secret, DkgRound1 Message) Run(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, ReadOnlySpan<byte> context)
    {
        CheckParticipants(self, threshold, participants);
        var polynomial = Polynomial<P384PrimeOrderGroup, P384Point>.Random(threshold, zeroConstant: false);
        var secret = new DkgSecret(self, [.. participants.Order()], context.ToArray(), polynomial);
        var (points, proof) = PedersenDkg<P384PrimeOrderGroup, P384Point>.Part1(self, polynomial, PokChallenge(secret.Context));
        return (secret, new DkgRound1(self, [.. points.Select(p => p.Encode())], proof.R.Encode(), proof.Z));
    }

    internal static void CheckParticipants(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        if (threshold < 2 || threshold > participants.Count) throw new ArgumentOutOfRangeException(nameof(threshold), "Need 2 ≤ t ≤ n.");
        if (participants.Distinct().Count() != participants.Count || !participants.Contains(self))
            throw new ArgumentException("Participants must be distinct and include self.", nameof(participants));
    }

    /// <summary>c = H("dkg/pok", context, i, A_0, R).</summary>
    internal static P384Scalar Challenge(ReadOnlySpan<byte> context, ParticipantId i, ReadOnlySpan<byte> a0, ReadOnlySpan<byte> r)
    {
        using var o = new Oracle("dkg/pok");
        return o.Add(context).Add(i.Value).Add(a0).Add(r).FinishScalar();
    }

    /// <summary><see cref="Challenge"/> over compressed encodings, for the generic proof of knowledge.</summary>
    internal static PokChallenge<P384Point> PokChallenge(byte[] context) => (id, phi0, r) => Challenge(context, id, phi0.Encode(), r.Encode()).ToArray();
}
