using System.Globalization;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// A directory of VCEKs fetched beforehand from AMD's Key Distribution Service, for hosts whose
/// extended report carries no certificates. Each file is named after the KDS request that
/// returned it — product, hardware id and the four (Turin: five) SPL parameters of
/// <c>https://kdsintf.amd.com/vcek/v1/{product}/{hwid}?blSPL=..&amp;teeSPL=..&amp;snpSPL=..&amp;ucodeSPL=..</c>:
/// <c>{product}-{hwid}-blSPL{NN}-teeSPL{NN}-snpSPL{NN}-ucodeSPL{NN}.der</c> (Turin adds
/// <c>-fmcSPL{NN}</c> first and uses the 8-byte hwid). A VCEK is per chip and per TCB, so a TCB
/// update needs a new file.
/// </summary>
public sealed class VcekDirectory(string path)
{
    private static readonly SnpProduct[] Products = [SnpProduct.Milan, SnpProduct.Genoa, SnpProduct.Turin];

    public string Path { get; } = path;

    /// <summary>The file name the VCEK of this chip and TCB has on <paramref name="product"/>.</summary>
    public static string FileName(SnpProduct product, ReadOnlySpan<byte> chipId, TcbParts tcb)
    {
        var hwid = Convert.ToHexStringLower(product == SnpProduct.Turin ? chipId[..8] : chipId);
        var fmc = product == SnpProduct.Turin ? $"-fmcSPL{Two(tcb.Fmc ?? 0)}" : "";
        return $"{product}-{hwid}{fmc}-blSPL{Two(tcb.BootLoader)}-teeSPL{Two(tcb.Tee)}-snpSPL{Two(tcb.Snp)}-ucodeSPL{Two(tcb.Microcode)}.der";
    }

    /// <summary>
    /// The chain for <paramref name="report"/>: its VCEK from this directory (the ASK and ARK come
    /// from the shipped roots), or an error naming every file name looked for.
    /// </summary>
    public Common.Result<AttestationChain, AttestationError> ChainFor(SnpReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        // a version-2 report does not say which product made it: each product's name is tried
        var tried = new List<string>();
        foreach (var product in Products)
        {
            var name = FileName(product, report.ChipId.AsSpan(), report.ReportedTcb.Decode(product));
            var file = System.IO.Path.Combine(Path, name);
            tried.Add(name);
            if (File.Exists(file))
                return AttestationChain.FromEncoded(File.ReadAllBytes(file));
        }
        return Common.Result<AttestationChain, AttestationError>.Fail(new AttestationError(AttestationFailure.MalformedCertificate,
            $"the report came with no certificates and {Path} holds no VCEK for its chip and TCB (looked for {string.Join(" or ", tried)}; fetch it from AMD's KDS)"));
    }

    private static string Two(byte b) => b.ToString("D2", CultureInfo.InvariantCulture);
}
