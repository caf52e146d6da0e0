using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// Lagrange interpolation coefficients over the identifiers of a participant set (RFC 9591 §4.2
/// derive_interpolating_value, generalised to an arbitrary evaluation point for share repair).
/// </summary>
public static class Lagrange
{
    /// <summary>λ_i = Π_{j≠i} x_j / (x_j − x_i): the coefficient that interpolates f(0).</summary>
    public static PublicScalar AtZero(ParticipantId i, IReadOnlyList<ParticipantId> set) => At(PublicScalar.Zero, i, set);

    /// <summary>λ_i(x) = Π_{j≠i} (x − x_j) / (x_i − x_j): interpolates f(x) from the set's shares.</summary>
    public static PublicScalar At(ParticipantId x, ParticipantId i, IReadOnlyList<ParticipantId> set) => At(x.ToScalar(), i, set);

    private static PublicScalar At(PublicScalar x, ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var xi = i.ToScalar();
        var num = PublicScalar.FromInt(1);
        var den = PublicScalar.FromInt(1);
        var found = false;
        var seen = new HashSet<ParticipantId>();
        foreach (var j in set)
        {
            if (!seen.Add(j)) throw Throw.Argument(nameof(set), "Participant set has a duplicate identifier.");
            if (j == i) { found = true; continue; }
            var xj = j.ToScalar();
            num *= x - xj;
            den *= xi - xj;
        }
        if (!found) throw Throw.Argument(nameof(i), "Participant is not in the set.");
        return num * den.Invert();
    }
}
