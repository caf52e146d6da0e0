using System.Globalization;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The security patch levels (SPLs) of a TCB_VERSION, decoded for one product. <see cref="Fmc"/> is
/// only present on Turin. Comparison for "TCB ≥ minimum" is per component: a newer microcode does
/// not make up for an older SNP firmware.
/// </summary>
public readonly record struct TcbParts(byte BootLoader, byte Tee, byte Snp, byte Microcode, byte? Fmc = null)
{
    /// <summary>True when every component is at least the one of <paramref name="minimum"/>.</summary>
    public bool IsAtLeast(TcbParts minimum) =>
        BootLoader >= minimum.BootLoader && Tee >= minimum.Tee && Snp >= minimum.Snp
        && Microcode >= minimum.Microcode && (minimum.Fmc is null || (Fmc ?? 0) >= minimum.Fmc);

    /// <summary>Encodes back to the raw 64-bit TCB_VERSION of <paramref name="product"/>.</summary>
    public TcbVersion ToVersion(SnpProduct product) => TcbVersion.Encode(this, product);

    public override string ToString() =>
        (Fmc is { } fmc ? "fmc=" + fmc.ToString(CultureInfo.InvariantCulture) + "," : "")
        + $"bl={BootLoader.ToString(CultureInfo.InvariantCulture)},tee={Tee.ToString(CultureInfo.InvariantCulture)},"
        + $"snp={Snp.ToString(CultureInfo.InvariantCulture)},ucode={Microcode.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Parses "bl=3,tee=0,snp=8,ucode=115[,fmc=1]" (any order; missing components are 0).
    /// </summary>
    public static bool TryParse(string? text, out TcbParts parts, out string error)
    {
        parts = default;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) { error = "empty TCB"; return false; }
        byte bl = 0, tee = 0, snp = 0, ucode = 0;
        byte? fmc = null;
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var kv = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !byte.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var v))
            {
                error = "expected name=0..255 pairs (bl, tee, snp, ucode, fmc)";
                return false;
            }
            switch (kv[0].ToLowerInvariant())
            {
                case "bl" or "bootloader": bl = v; break;
                case "tee": tee = v; break;
                case "snp": snp = v; break;
                case "ucode" or "microcode": ucode = v; break;
                case "fmc": fmc = v; break;
                default: error = "unknown TCB component (expected bl, tee, snp, ucode, fmc)"; return false;
            }
        }
        parts = new TcbParts(bl, tee, snp, ucode, fmc);
        return true;
    }

    /// <summary>
    /// Parses the dotted form "BL.TEE.SNP.UCODE" (e.g. "3.0.20.209"), each 0..255, as operators
    /// write a minimum TCB on the command line.
    /// </summary>
    public static bool TryParseDotted(string? text, out TcbParts parts, out string error)
    {
        parts = default;
        error = "";
        var items = (text ?? "").Split('.');
        var values = new byte[4];
        if (items.Length != 4)
        {
            error = "expected BL.TEE.SNP.UCODE, four numbers 0..255 separated by dots (e.g. 3.0.20.209)";
            return false;
        }
        for (var i = 0; i < 4; i++)
        {
            if (!byte.TryParse(items[i], NumberStyles.None, CultureInfo.InvariantCulture, out values[i]))
            {
                error = "expected BL.TEE.SNP.UCODE, four numbers 0..255 separated by dots (e.g. 3.0.20.209)";
                return false;
            }
        }
        parts = new TcbParts(values[0], values[1], values[2], values[3]);
        return true;
    }
}
