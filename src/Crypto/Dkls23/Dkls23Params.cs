namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// Security parameters, derived from |n| = 384 rather than copied from secp256k1 code (notes §1).
/// </summary>
internal static class Dkls23Params
{
    /// <summary>λ_c: computational security = base OTs per ordered pair = OT-extension width.</summary>
    public const int Kappa = 128;

    /// <summary>λ_s: statistical security.</summary>
    public const int StatSec = 128;

    /// <summary>ξ = |n| + 2λ_s = 640 extended OTs per RVOLE (Protocol 5.2; leftover hash for b = ⟨g, β⟩).</summary>
    public const int Xi = 384 + (2 * StatSec);

    /// <summary>s: OT-extension check block, GF(2^128) (KOS Fig. 10 check under Fiat–Shamir).</summary>
    public const int CheckBits = 128;

    /// <summary>ξ + s: bits per row of the extension matrix (the extra block masks the check).</summary>
    public const int RowBits = Xi + CheckBits;

    public const int RowBytes = RowBits / 8;

    /// <summary>ℓ = 2: Alice's inputs per RVOLE, (r_i, sk_i) (Protocol 3.6 uses one RVOLE for both).</summary>
    public const int Ell = 2;

    /// <summary>
    /// ρ = ⌈λ_c / |n|⌉ = 1 check column in RVOLE (Protocol 5.2). Why one is enough: θ is a random
    /// oracle output on ã, so an Alice whose rows carry different inputs passes a check column only if
    /// a fixed non-zero linear form in θ_k vanishes — probability 1/n ≈ 2^-384 per oracle query; with
    /// Q ≤ 2^128 grinding queries the error is ≤ 2^-256, below both λ_c and λ_s. sl-crypto states the
    /// paper's parameter as ρ = ⌈λ_c/κ⌉ with κ = |field|; the former 3 read the ratio upside down.
    /// Argument in docs/SECURITY.md (DKLs23 section).
    /// </summary>
    public const int Rho = 1;

    /// <summary>Seed size of base-OT keys.</summary>
    public const int SeedBytes = 32;
}
