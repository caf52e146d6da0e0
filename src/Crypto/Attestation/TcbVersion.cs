namespace CcTsa.Crypto.Attestation;

/// <summary>
/// A raw 64-bit TCB_VERSION as it appears in a report (little-endian). Its byte layout depends on
/// the product (SEV-SNP ABI spec, TCB_VERSION):
/// Milan/Genoa: [0] boot loader, [1] TEE, [2..5] reserved, [6] SNP, [7] microcode;
/// Turin: [0] FMC, [1] boot loader, [2] TEE, [3] SNP, [4..6] reserved, [7] microcode.
/// </summary>
public readonly record struct TcbVersion(ulong Raw)
{
    public TcbParts Decode(SnpProduct product)
    {
        var b = BitConverter.GetBytes(Raw);
        if (!BitConverter.IsLittleEndian) Array.Reverse(b);
        return product == SnpProduct.Turin
            ? new TcbParts(b[1], b[2], b[3], b[7], b[0])
            : new TcbParts(b[0], b[1], b[6], b[7]);
    }

    public static TcbVersion Encode(TcbParts parts, SnpProduct product)
    {
        var b = new byte[8];
        if (product == SnpProduct.Turin)
        {
            b[0] = parts.Fmc ?? 0; b[1] = parts.BootLoader; b[2] = parts.Tee; b[3] = parts.Snp; b[7] = parts.Microcode;
        }
        else
        {
            b[0] = parts.BootLoader; b[1] = parts.Tee; b[6] = parts.Snp; b[7] = parts.Microcode;
        }
        return new TcbVersion(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(b));
    }

    public override string ToString() => "0x" + Raw.ToString("X16", System.Globalization.CultureInfo.InvariantCulture);
}
