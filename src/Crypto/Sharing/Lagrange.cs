using System.Collections.Concurrent;
using System.Text;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// Lagrange interpolation coefficients over Ed25519 identifiers, as <see cref="PublicScalar"/>s for
/// FROST signing and repair; the arithmetic is <see cref="LagrangeCoefficients{TField}"/>'s.
/// </summary>
public static class Lagrange
{
    // λ_i(0) depends only on public identifiers and a signing fleet reuses a handful of subsets, so
    // the coefficients (one scalar inversion each) are memoised; bounded by clearing when full.
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, PublicScalar> AtZeroCache = new(StringComparer.Ordinal);

    /// <summary>λ_i = Π_{j≠i} x_j / (x_j − x_i): the coefficient that interpolates f(0).</summary>
    public static PublicScalar AtZero(ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var key = CacheKey(i, set);
        if (AtZeroCache.TryGetValue(key, out var cached)) return cached;
        var lambda = PublicScalar.FromTrusted(LagrangeCoefficients<Ed25519PrimeOrderGroup>.AtZero(i, set)); // throws for duplicates / i not in set: never cached
        if (AtZeroCache.Count >= CacheLimit) AtZeroCache.Clear();
        AtZeroCache[key] = lambda;
        return lambda;
    }

    private static string CacheKey(ParticipantId i, IReadOnlyList<ParticipantId> set)
    {
        var sb = new StringBuilder(8 + (6 * set.Count));
        sb.Append(i.Value).Append(':');
        foreach (var j in set) sb.Append(j.Value).Append(',');
        return sb.ToString();
    }
}
