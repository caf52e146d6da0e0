using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Pure checks of a certificate returned by an external CA against the CSR it answers (RFC 3161
/// §2.3 rules for a TSA certificate): same key, same subject, extendedKeyUsage critical and
/// id-kp-timeStamping only, keyUsage (if any) limited to digitalSignature/nonRepudiation, valid
/// now, and signed by the issuer given in the chain (when a chain is given).
/// </summary>
public static class CertificateImportRules
{
    private const string TimeStamping = "1.3.6.1.5.5.7.3.8";

    public static ImportError? Check(TsaCertificate certificate, ReadOnlySpan<byte> csrDer, IReadOnlyList<byte[]> chainDer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(chainDer);
        var csrInfo = new Pkcs10CertificationRequest(csrDer.ToArray()).GetCertificationRequestInfo();
        var csrKey = csrInfo.SubjectPublicKeyInfo.PublicKey.GetOctets();
        // ECDSA keys as points: a CA may re-encode the point (compressed or not)
        var sameKey = certificate.Algorithm == CcTsa.Crypto.Rfc3161.TokenSignatureAlgorithm.EcdsaP384Sha384
            ? CcTsa.Crypto.Pki.P384Points.SamePoint(csrKey, certificate.PublicKey.AsSpan())
            : csrKey.AsSpan().SequenceEqual(certificate.PublicKey.AsSpan());
        if (!sameKey)
            return new ImportError(ImportFailure.KeyMismatch, "the certificate's public key is not the threshold key of the pending CSR");
        if (!csrInfo.Subject.GetEncoded(Asn1Encodable.Der).AsSpan().SequenceEqual(certificate.SubjectDer.AsSpan()))
            return new ImportError(ImportFailure.SubjectMismatch, "the certificate's subject differs from the CSR's subject");
        if (now < certificate.NotBefore || now > certificate.NotAfter)
            return new ImportError(ImportFailure.BadValidity, "the certificate is not valid at the current time");

        var x509 = new X509CertificateParser().ReadCertificate(certificate.Der.AsSpan().ToArray());
        if (CheckUsage(x509) is { } usage)
            return usage;
        if (chainDer.Count > 0)
        {
            try
            {
                var issuer = new X509CertificateParser().ReadCertificate(chainDer[0]);
                x509.Verify(issuer.GetPublicKey());
            }
            catch (Exception ex) when (ex is Org.BouncyCastle.Security.GeneralSecurityException or Org.BouncyCastle.Security.Certificates.CertificateException or ArgumentException or IOException)
            {
                return new ImportError(ImportFailure.BadChain, "the certificate is not signed by the first certificate of the supplied chain");
            }
        }
        return null;
    }

    private static ImportError? CheckUsage(X509Certificate x509)
    {
        var critical = x509.GetCriticalExtensionOids();
        if (!critical.Contains(X509Extensions.ExtendedKeyUsage.Id))
            return new ImportError(ImportFailure.BadKeyUsage, "extendedKeyUsage must be present and critical (RFC 3161 §2.3)");
        var purposes = x509.GetExtendedKeyUsage();
        if (purposes is null || purposes.Count != 1 || purposes[0].Id != TimeStamping)
            return new ImportError(ImportFailure.BadKeyUsage, "extendedKeyUsage must be id-kp-timeStamping only");
        var keyUsage = x509.GetKeyUsage();
        if (keyUsage is not null)
        {
            // bits: 0 digitalSignature, 1 nonRepudiation; anything else (keyCertSign, …) is refused
            for (var bit = 2; bit < keyUsage.Length; bit++)
            {
                if (keyUsage[bit])
                    return new ImportError(ImportFailure.BadKeyUsage, "keyUsage may only allow digitalSignature/nonRepudiation");
            }
            if (!keyUsage[0])
                return new ImportError(ImportFailure.BadKeyUsage, "keyUsage must allow digitalSignature");
        }
        return null;
    }
}
