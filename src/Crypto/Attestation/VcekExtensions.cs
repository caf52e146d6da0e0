using System.Collections.Immutable;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The AMD-specific extensions of a VCEK certificate (AMD "Versioned Chip Endorsement Key"
/// specification): 1.3.6.1.4.1.3704.1.3.1/.2/.3/.8 are the boot loader, TEE, SNP and microcode SPLs
/// (DER INTEGERs), .3.9 the FMC SPL on Turin, 1.3.6.1.4.1.3704.1.4 the hardware id (raw octets,
/// equal to the report's CHIP_ID), 1.3.6.1.4.1.3704.1.2 the product name (IA5String, "Milan-B0").
/// </summary>
public sealed record VcekExtensions(TcbParts Tcb, ImmutableArray<byte> HardwareId, string? ProductName)
{
    public const string BootLoaderOid = "1.3.6.1.4.1.3704.1.3.1";
    public const string TeeOid = "1.3.6.1.4.1.3704.1.3.2";
    public const string SnpOid = "1.3.6.1.4.1.3704.1.3.3";
    public const string MicrocodeOid = "1.3.6.1.4.1.3704.1.3.8";
    public const string FmcOid = "1.3.6.1.4.1.3704.1.3.9";
    public const string HardwareIdOid = "1.3.6.1.4.1.3704.1.4";
    public const string ProductNameOid = "1.3.6.1.4.1.3704.1.2";

    /// <summary>Reads the extensions of a DER or PEM VCEK; missing or malformed ones are an error text.</summary>
    public static bool TryRead(ReadOnlySpan<byte> vcek, out VcekExtensions? extensions, out string error)
    {
        extensions = null;
        var certs = CertificateReader.ReadAll(vcek);
        if (certs.Count != 1) { error = "expected exactly one VCEK certificate"; return false; }
        return TryRead(certs[0], out extensions, out error);
    }

    /// <summary>A VLEK carries no hardware id (it is not tied to one chip): <paramref name="requireHardwareId"/> false.</summary>
    internal static bool TryRead(X509Certificate vcek, out VcekExtensions? extensions, out string error, bool requireHardwareId = true)
    {
        extensions = null;
        error = "";
        try
        {
            var bl = Spl(vcek, BootLoaderOid);
            var tee = Spl(vcek, TeeOid);
            var snp = Spl(vcek, SnpOid);
            var ucode = Spl(vcek, MicrocodeOid);
            if (bl is null || tee is null || snp is null || ucode is null)
            {
                error = "VCEK lacks a TCB SPL extension (1.3.6.1.4.1.3704.1.3.1/.2/.3/.8)";
                return false;
            }
            var hwid = vcek.GetExtensionValue(new DerObjectIdentifier(HardwareIdOid))?.GetOctets();
            if ((hwid is null || hwid.Length == 0) && requireHardwareId)
            {
                error = "VCEK lacks the hardware id extension (1.3.6.1.4.1.3704.1.4)";
                return false;
            }
            string? product = null;
            if (vcek.GetExtensionValue(new DerObjectIdentifier(ProductNameOid)) is { } p
                && Asn1Object.FromByteArray(p.GetOctets()) is DerStringBase s)
                product = s.GetString();
            extensions = new VcekExtensions(new TcbParts(bl.Value, tee.Value, snp.Value, ucode.Value, Spl(vcek, FmcOid)),
                ImmutableArray.Create(hwid ?? []), product);
            return true;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or FormatException)
        {
            error = "VCEK extension is not DER-encoded as expected";
            return false;
        }
    }

    private static byte? Spl(X509Certificate cert, string oid)
    {
        var value = cert.GetExtensionValue(new DerObjectIdentifier(oid));
        if (value is null) return null;
        var n = DerInteger.GetInstance(Asn1Object.FromByteArray(value.GetOctets())).IntValueExact;
        return n is >= 0 and <= 255 ? (byte)n : throw new FormatException("SPL out of range");
    }
}
