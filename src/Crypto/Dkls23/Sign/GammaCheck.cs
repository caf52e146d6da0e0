using System.Security.Cryptography;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>What peer j claims in round 2 and what Bob computed for it: the inputs of checks C4 and C5.</summary>
internal sealed record GammaClaim(P384Scalar Chi, P384Point R, P384Point Pk, P384Point GammaU, P384Point GammaV, P384Scalar Du, P384Scalar Dv)
{
    public override string ToString() => "GammaClaim([redacted])";
}

/// <summary>
/// Checks C4 (χ_j·R_j = Γ^u_j + d^u_j·G) and C5 (χ_j·pk_j = Γ^v_j + d^v_j·G) of Protocol 3.6 round 3
/// for all peers at once, as one random linear combination of the 2k equations:
/// Σ_j χ_j·(a_j·R_j + b_j·pk_j) = Σ_j (a_j·Γ^u_j + b_j·Γ^v_j) + (Σ_j a_j·d^u_j + b_j·d^v_j)·G, with
/// a_0 = 1 and the other a_j, b_j fresh local 128-bit randoms drawn after every peer's points arrived.
/// Soundness: if some difference point (C4 or C5 of some j) is not ∞ and its coefficient is random,
/// the sum is ∞ for at most one value of that coefficient mod n (prime order), so a cheater passes
/// with probability ≤ 2^-128 (= λ_s); if the only non-∞ difference is the one weighted by a_0 = 1, the
/// sum is that point, not ∞. Cost per peer: one constant-time ladder (χ_j is secret) and a share of
/// two public multi-scalar products; one comb for the whole d-side instead of one per peer (pass 3:
/// pass 2 combined C4+C5 per peer, with one comb each). On failure each peer's two checks are redone
/// alone, in order, so the error still names the peer and which check it broke.
/// </summary>
internal static class GammaCheck
{
    /// <summary>null when every claim holds; otherwise the index of the first broken claim and its check (C4 before C5).</summary>
    public static (int Index, Dkls23Failure Failure)? RunAll(IReadOnlyList<GammaClaim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        if (claims.Count == 0) return null;
        if (Holds(claims)) return null;
        for (var i = 0; i < claims.Count; i++)
        {
            var c = claims[i];
            if (!Single(c.Chi, c.R, c.GammaU, c.Du)) return (i, Dkls23Failure.NonceConsistencyFailed);
            if (!Single(c.Chi, c.Pk, c.GammaV, c.Dv)) return (i, Dkls23Failure.KeyShareConsistencyFailed);
        }
        // Unreachable: when every single equation holds, any linear combination of them holds.
        throw new CryptographicException("Combined C4/C5 check failed although every single check holds.");
    }

    /// <summary>One claim (C4 and C5 of one peer), as <see cref="RunAll"/> does it.</summary>
    public static Dkls23Failure? Run(GammaClaim claim) => RunAll([claim])?.Failure;

    private static bool Holds(IReadOnlyList<GammaClaim> claims)
    {
        var gammas = new List<(P384Point, P384Scalar)>(2 * claims.Count);
        var lhs = new List<P384Point>(claims.Count);
        var d = P384Scalar.Zero;
        try
        {
            for (var j = 0; j < claims.Count; j++)
            {
                var c = claims[j];
                var a = j == 0 ? P384Scalar.One : Random128();
                var b = Random128();
                using (var basis = P384Point.CombinePublic([(c.R, a), (c.Pk, b)]))
                    lhs.Add(basis.Multiply(c.Chi));                      // secret χ: the ladder
                gammas.Add((c.GammaU, a));
                gammas.Add((c.GammaV, b));
                d += (a * c.Du) + (b * c.Dv);
            }
            using var left = P384Point.Sum(lhs);
            using var publicPart = P384Point.CombinePublic(gammas);
            using var dg = P384Point.MulBase(d);                         // secret d: the comb
            using var right = publicPart + dg;
            return left.Equals(right);
        }
        finally
        {
            foreach (var p in lhs) p.Dispose();
        }
    }

    /// <summary>χ·P = Γ + d·G, one equation alone (only after the combined check failed).</summary>
    private static bool Single(P384Scalar chi, P384Point p, P384Point gamma, P384Scalar d)
    {
        using var lhs = p.Multiply(chi);
        using var dg = P384Point.MulBase(d);
        using var rhs = gamma + dg;
        return lhs.Equals(rhs);
    }

    private static P384Scalar Random128()
    {
        Span<byte> b = stackalloc byte[P384Scalar.Size];
        b.Clear();
        RandomNumberGenerator.Fill(b[^16..]);
        return P384Scalar.TryDecode(b, out var e) ? e : throw new CryptographicException("A 128-bit value is always below n.");
    }
}
