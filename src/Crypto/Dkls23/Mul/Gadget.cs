using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Mul;

/// <summary>
/// The gadget vector g ∈ Z_n^ξ of an ordered pair (Protocol 5.2): g_j = H("rvole/gadget", pair sid, j).
/// Bob's random multiplicand is b = Σ_j β_j·g_j, uniform by the leftover hash lemma since ξ = |n| + 2λ_s.
/// Public; both sides derive it from the pair sid, so neither chooses it.
/// </summary>
public sealed class Gadget
{
    private readonly P384Scalar[] _g;

    private Gadget(P384Scalar[] g) => _g = g;

    public P384Scalar this[int j] => _g[j];

    public static Gadget Derive(ReadOnlySpan<byte> pairSid)
    {
        var g = new P384Scalar[Dkls23Params.Xi];
        for (var j = 0; j < g.Length; j++)
        {
            using var o = new Oracle("rvole/gadget");
            g[j] = o.Add(pairSid).Add(j).FinishScalar();
        }
        return new Gadget(g);
    }
}
