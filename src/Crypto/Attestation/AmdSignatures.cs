using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The two signature schemes of the AMD chain: certificates are RSASSA-PSS with SHA-384, MGF1-SHA-384
/// and a 48-byte salt (checked strictly, not "whatever the certificate says"); reports are ECDSA
/// P-384 over SHA-384 of bytes 0..0x29F with R and S as 72-byte little-endian integers.
/// </summary>
internal static class AmdSignatures
{
    public const int PssSaltLength = 48;

    public static bool IsPssSha384SignedBy(X509Certificate cert, X509Certificate issuer)
    {
        try
        {
            if (cert.SigAlgOid != PkcsObjectIdentifiers.IdRsassaPss.Id) return false;
            var p = RsassaPssParameters.GetInstance(cert.CertificateStructure.SignatureAlgorithm.Parameters);
            if (!p.HashAlgorithm.Algorithm.Equals(NistObjectIdentifiers.IdSha384)) return false;
            if (!p.MaskGenAlgorithm.Algorithm.Equals(PkcsObjectIdentifiers.IdMgf1)) return false;
            var mgfHash = Org.BouncyCastle.Asn1.X509.AlgorithmIdentifier.GetInstance(p.MaskGenAlgorithm.Parameters);
            if (!mgfHash.Algorithm.Equals(NistObjectIdentifiers.IdSha384)) return false;
            if (p.SaltLength.IntValueExact != PssSaltLength) return false;
            if (issuer.GetPublicKey() is not RsaKeyParameters rsa) return false;
            var signer = new PssSigner(new RsaEngine(), new Sha384Digest(), new Sha384Digest(), PssSaltLength);
            signer.Init(false, rsa);
            var tbs = cert.GetTbsCertificate();
            signer.BlockUpdate(tbs, 0, tbs.Length);
            return signer.VerifySignature(cert.GetSignature());
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or InvalidCastException or IOException
                                      or Org.BouncyCastle.Crypto.CryptoException or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return false;
        }
    }

    /// <summary>The VCEK's key if it is an EC key on P-384 (secp384r1), else null.</summary>
    public static ECPublicKeyParameters? P384Key(X509Certificate vcek)
    {
        var spki = vcek.SubjectPublicKeyInfo;
        if (spki.Algorithm.Parameters is not DerObjectIdentifier curve || !curve.Equals(SecObjectIdentifiers.SecP384r1))
            return null;
        return vcek.GetPublicKey() as ECPublicKeyParameters;
    }

    public static bool VerifyReport(SnpReport report, ECPublicKeyParameters key)
    {
        var r = FromLittleEndian(report.SignatureR.AsSpan());
        var s = FromLittleEndian(report.SignatureS.AsSpan());
        var n = key.Parameters.N;
        if (r.SignValue <= 0 || s.SignValue <= 0 || r.CompareTo(n) >= 0 || s.CompareTo(n) >= 0) return false;
        var signer = new ECDsaSigner();
        signer.Init(false, key);
        return signer.VerifySignature(System.Security.Cryptography.SHA384.HashData(report.SignedBytes()), r, s);
    }

    /// <summary>Signs with RFC 6979 deterministic nonces (no RNG needed in the simulated firmware).</summary>
    public static SnpReport SignReport(SnpReport report, ECPrivateKeyParameters key)
    {
        var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha384Digest()));
        signer.Init(true, key);
        var rs = signer.GenerateSignature(System.Security.Cryptography.SHA384.HashData(report.SignedBytes()));
        return report with
        {
            SignatureR = [.. ToLittleEndian(rs[0])],
            SignatureS = [.. ToLittleEndian(rs[1])],
        };
    }

    private static BigInteger FromLittleEndian(ReadOnlySpan<byte> le)
    {
        var be = le.ToArray();
        Array.Reverse(be);
        return new BigInteger(1, be);
    }

    private static byte[] ToLittleEndian(BigInteger v)
    {
        var be = v.ToByteArrayUnsigned();
        var le = new byte[SnpReport.SignatureComponentSize];
        for (var i = 0; i < be.Length; i++) le[i] = be[be.Length - 1 - i];
        return le;
    }
}
