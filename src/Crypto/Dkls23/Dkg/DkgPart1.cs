using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// Dealerless key generation, part 1 (notes §3; the FROST DKG of RFC 9591 App. C / Komlo–Goldberg,
/// over P-384): sample f_i of degree t−1, commit to its coefficients, prove knowledge of f_i(0) so
/// no party can choose its constant term as a function of the others' (rogue-key).
/// </summary>
public static class DkgPart1
{
    public static (DkgSecret Secret, DkgRound1 Message) Run(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, ReadOnlySpan<byte> context)
    {
        ArgumentNullException.ThrowIfNull(participants);
        if (threshold < 2 || threshold > participants.Count) throw new ArgumentOutOfRangeException(nameof(threshold), "Need 2 ≤ t ≤ n.");
        if (participants.Distinct().Count() != participants.Count || !participants.Contains(self))
            throw new ArgumentException("Participants must be distinct and include self.", nameof(participants));
        var coefficients = SecretHandle.Allocate(threshold * P384Scalar.Size);
        var commitments = new byte[threshold][];
        for (var k = 0; k < threshold; k++)
        {
            var a = P384Scalar.RandomNonZero();
            a.WriteTo(coefficients.Span.Slice(k * P384Scalar.Size, P384Scalar.Size));
            using var ak = P384Point.MulBase(a);
            commitments[k] = ak.Encode();
        }
        var secret = new DkgSecret(self, threshold, [.. participants.Order()], context.ToArray(), coefficients);
        var nonce = P384Scalar.RandomNonZero();
        using var r = P384Point.MulBase(nonce);
        var rEnc = r.Encode();
        var c = Challenge(secret.Context, self, commitments[0], rEnc);
        var z = nonce + (secret.Coefficient(0) * c);
        return (secret, new DkgRound1(self, commitments, rEnc, z.ToArray()));
    }

    /// <summary>c = H("dkg/pok", context, i, A_0, R).</summary>
    internal static P384Scalar Challenge(ReadOnlySpan<byte> context, ParticipantId i, ReadOnlySpan<byte> a0, ReadOnlySpan<byte> r)
    {
        using var o = new Oracle("dkg/pok");
        return o.Add(context).Add(i.Value).Add(a0).Add(r).FinishScalar();
    }
}
