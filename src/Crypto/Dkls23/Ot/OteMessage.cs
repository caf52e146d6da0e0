namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Bob → Alice, OT extension (notes §5 step 2): U (λ_c rows of ξ+s bits), the check values x (one
/// GF(2^128) block) and z (one block per row). Public: masked by the PRG and the extra check block.
/// </summary>
public sealed record OteMessage(byte[] U, byte[] X, byte[] Z)
{
    public const int USize = Dkls23Params.Kappa * Dkls23Params.RowBytes;
    public const int XSize = Dkls23Params.CheckBits / 8;
    public const int ZSize = Dkls23Params.Kappa * XSize;

    /// <summary>Shape check before any OT data is touched (P5).</summary>
    public bool IsWellFormed => U is { Length: USize } && X is { Length: XSize } && Z is { Length: ZSize };

    public override string ToString() => "OteMessage";
}
