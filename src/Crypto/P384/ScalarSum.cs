namespace CcTsa.Crypto.P384;

/// <summary>
/// Σ a_j·b_j mod n with one reduction for the whole sum (<see cref="MontWide"/>) instead of one
/// Montgomery multiplication per term: the RVOLE's c_i = −Σ_j g_j·α^0_{j,i} and d_i = Σ_j g_j·e_{j,i}
/// (ξ = 640 terms each). A mutable value: keep it in a local and call <see cref="Finish"/> once,
/// which also clears the (secret) accumulator.
/// </summary>
internal struct ScalarSum
{
    private Acc832 _acc;

    public void AddProduct(P384Scalar a, P384Scalar b)
    {
        var am = a.Montgomery;
        var bm = b.Montgomery;
        MontWide.MulAdd(am, bm, ref _acc);
    }

    public P384Scalar Finish()
    {
        MontWide.Reduce(_acc, ScalarField.N, ScalarField.NPrime, ScalarField.R2, out var r);
        _acc = default;
        return P384Scalar.FromMontgomeryForm(r);
    }

    public override readonly string ToString() => "ScalarSum([redacted])";
}
