using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CcTsa.Crypto.Pki;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The ECDSA side of a test epoch's certificates: the CertificationRequestInfo for the P-384 group
/// key (the bytes the fleet signs under "ecdsa-p384"), and a TSA certificate for that key from the
/// cluster's dev CA with the same profile as <see cref="DevCertificateAuthority.IssueTsaCertificate"/>
/// (whose CSR reader takes Ed25519 CSRs only; issuance from an ECDSA CSR is the control plane's part).
/// </summary>
internal static class EcdsaTestCertificates
{
    public static byte[] CsrInfo(string subject, byte[] groupKey)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            w.WriteEncodedValue(new X500DistinguishedName(subject).RawData);
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier("1.2.840.10045.2.1");
                    w.WriteObjectIdentifier("1.3.132.0.34");
                }
                w.WriteBitString(groupKey);
            }
            using (w.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, true))) { }
        }
        return w.Encode();
    }

    /// <summary>ecdsa-with-SHA384 over the CertificationRequestInfo by .NET (OpenSSL), not our code.</summary>
    public static bool Verifies(byte[] groupKey, byte[] info, byte[] derSignature)
    {
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP384,
            Q = new ECPoint { X = groupKey[1..49], Y = groupKey[49..97] },
        });
        return key.VerifyData(info, derSignature, HashAlgorithmName.SHA384, DSASignatureFormat.Rfc3279DerSequence);
    }

    public static byte[] Issue(DevCertificateAuthority ca, int epoch, byte[] groupKey, params string[] policies) =>
        Issue(ca, new SubjectPublicKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.IdECPublicKey, SecObjectIdentifiers.SecP384r1), groupKey),
            $"CN=CC-TSA Test ECDSA P-384 epoch {epoch},O=CC-TSA", policies);

    /// <summary>The same profile for the epoch's threshold ML-DSA-65 key (RFC 9881 SPKI: id-ml-dsa-65, absent parameters).</summary>
    public static byte[] IssueMlDsa(DevCertificateAuthority ca, int epoch, byte[] groupKey, params string[] policies) =>
        Issue(ca, new SubjectPublicKeyInfo(new AlgorithmIdentifier(new DerObjectIdentifier("2.16.840.1.101.3.4.3.18")), groupKey),
            $"CN=CC-TSA Test ML-DSA-65 epoch {epoch},O=CC-TSA", policies);

    private static byte[] Issue(DevCertificateAuthority ca, SubjectPublicKeyInfo spki, string subject, string[] policies)
    {
        var issuer = new X509CertificateParser().ReadCertificate(ca.CertificateDer);
        var publicKey = PublicKeyFactory.CreateKey(spki);
        var now = DateTimeOffset.UtcNow;
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(DevCertificateAuthority.RandomSerial());
        builder.SetIssuerDN(issuer.SubjectDN);
        builder.SetSubjectDN(new X509Name(subject));
        builder.SetNotBefore(now.AddDays(-1).UtcDateTime);
        builder.SetNotAfter(now.AddYears(2).UtcDateTime);
        builder.SetPublicKey(publicKey);
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        builder.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping));
        builder.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        builder.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(issuer));
        builder.AddExtension(new DerObjectIdentifier(ProjectOids.TokenAccuracy), false,
            Asn1Object.FromByteArray(TokenAccuracyExtension.Encode(TokenAccuracyExtension.FleetDefault)));
        builder.AddExtension(X509Extensions.CertificatePolicies, false, new CertificatePolicies([.. policies.Select(p => new PolicyInformation(new DerObjectIdentifier(p)))]));
        return builder.Generate(ca.SignatureFactory()).GetEncoded();
    }
}
