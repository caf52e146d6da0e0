using System.Security.Cryptography;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>
/// Checks C4 (χ·R_j = Γ^u + d^u·G) and C5 (χ·pk_j = Γ^v + d^v·G) of Protocol 3.6 round 3 as one
/// random linear combination: χ·(R_j + e·pk_j) = (Γ^u + e·Γ^v) + (d^u + e·d^v)·G, two secret-scalar
/// multiplications per peer instead of four. e is a fresh local 128-bit random drawn after all of
/// j's points arrived: if either check fails, the differences A (C4) and B (C5) are not both ∞, and
/// A + e·B = ∞ holds for at most one e mod n when B ≠ ∞ (prime order) and for none when B = ∞, so a
/// cheating j passes with probability ≤ 2^-128 (= λ_s). The public parts (R_j + e·pk_j, Γ^u + e·Γ^v)
/// may run in variable time; χ and d stay on the constant-time paths. On failure each check is
/// redone alone, so the error still says which one j broke (its culprit is named by the caller).
/// </summary>
internal static class GammaCheck
{
    /// <summary>null when C4 and C5 both hold; otherwise the failed check (C4 if both failed).</summary>
    public static Dkls23Failure? Run(P384Scalar chi, P384Point rj, P384Point pkj, P384Point gammaU, P384Point gammaV, P384Scalar du, P384Scalar dv)
    {
        var e = Random128();
        using (var basis = P384Point.AddScaledPublic(rj, e, pkj))
        using (var lhs = basis.Multiply(chi))
        using (var gammas = P384Point.AddScaledPublic(gammaU, e, gammaV))
        using (var dg = P384Point.MulBase(du + (e * dv)))
        using (var rhs = gammas + dg)
            if (lhs.Equals(rhs)) return null;
        return !Holds(chi, rj, gammaU, du) ? Dkls23Failure.NonceConsistencyFailed : Dkls23Failure.KeyShareConsistencyFailed;
    }

    /// <summary>χ·P = Γ + d·G, one check alone (only after the combined one failed).</summary>
    private static bool Holds(P384Scalar chi, P384Point p, P384Point gamma, P384Scalar d)
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
