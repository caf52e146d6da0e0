using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23.Mul;

/// <summary>
/// Alice → Bob, RVOLE Protocol 5.2 step 2: ã (ξ rows of ℓ+ρ scalars), η (ρ scalars) and the digest μ.
/// Public: ã is masked by the unchosen OT pad, η by the fresh â.
/// </summary>
public sealed record RvoleMessage(P384Scalar[][] ATilde, P384Scalar[] Eta, byte[] Mu)
{
    public const int MuSize = 64;

    public bool IsWellFormed =>
        ATilde is { Length: Dkls23Params.Xi } && Array.TrueForAll(ATilde, r => r is { Length: Dkls23Params.Ell + Dkls23Params.Rho })
        && Eta is { Length: Dkls23Params.Rho } && Mu is { Length: MuSize };

    public override string ToString() => "RvoleMessage";
}
