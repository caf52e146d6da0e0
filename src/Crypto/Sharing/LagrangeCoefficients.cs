using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// Lagrange interpolation coefficients over the identifiers of a participant set, in any scalar
/// field (RFC 9591 §4.2 derive_interpolating_value, generalised to an arbitrary evaluation point for
/// share repair). Identifiers are public: results are public canonical encodings.
/// </summary>
internal static class LagrangeCoefficients<TField>
    where TField : IScalarField
{
    /// <summary>λ_i = Π_{j≠i} x_j / (x_j − x_i): the coefficient that interpolates f(0).</summary>
    public static byte[] AtZero(ParticipantId i, IReadOnlyList<ParticipantId> set) => At(new byte[TField.ScalarSize], i, set);

    /// <summary>λ_i(x) = Π_{j≠i} (x − x_j) / (x_i − x_j): interpolates f(x) from the set's shares.</summary>
    public static byte[] At(ParticipantId x, ParticipantId i, IReadOnlyList<ParticipantId> set) => At(Int((ulong)x.Value), i, set);

    private static byte[] At(byte[] x, ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var xi = Int((ulong)i.Value);
        var num = Int(1);
        var den = Int(1);
        var diff = new byte[TField.ScalarSize];
        var product = new byte[TField.ScalarSize];
        var found = false;
        var seen = new HashSet<ParticipantId>();
        foreach (var j in set)
        {
            if (!seen.Add(j)) throw Throw.Argument(nameof(set), "Participant set has a duplicate identifier.");
            if (j == i) { found = true; continue; }
            var xj = Int((ulong)j.Value);
            // outputs never alias inputs: not every backend's multiplication allows it
            TField.ScalarSub(diff, x, xj);
            TField.ScalarMul(product, num, diff);
            product.CopyTo(num, 0);
            TField.ScalarSub(diff, xi, xj);
            TField.ScalarMul(product, den, diff);
            product.CopyTo(den, 0);
        }
        if (!found) throw Throw.Argument(nameof(i), "Participant is not in the set.");
        TField.ScalarInvert(product, den);
        var lambda = new byte[TField.ScalarSize];
        TField.ScalarMul(lambda, num, product);
        return lambda;
    }

    private static byte[] Int(ulong v)
    {
        var b = new byte[TField.ScalarSize];
        TField.ScalarFromInt(b, v);
        return b;
    }
}
