using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// The certificate half of token verification: EKU/keyUsage of the TSA certificate, the chain
/// (through certificates carried in the token) to the CA, validity at genTime, and the CRL with
/// the RFC 3161 §4 rule — after keyCompromise, tokens with genTime at or after the compromise
/// time (invalidityDate, else revocation date) are invalid and earlier ones stay valid; after a
/// routine revocation (superseded, cessationOfOperation) tokens before the revocation stay valid.
/// </summary>
internal static class CertificatePathValidator
{
    internal readonly record struct Outcome(VerificationFailure Failure, string Reason);

    private const int MaxDepth = 5;

    public static Outcome Validate(byte[] signerDer, IReadOnlyList<byte[]> tokenCertificates, DateTimeOffset genTime, TokenVerificationOptions options, List<string> notes)
    {
        var parser = new X509CertificateParser();
        X509Certificate signer, ca;
        List<X509Certificate> pool;
        try
        {
            signer = parser.ReadCertificate(signerDer) ?? throw new CertificateFormatException();
            ca = parser.ReadCertificate(options.CaCertificateDer.ToArray()) ?? throw new CertificateFormatException();
            pool = [.. tokenCertificates.Select(parser.ReadCertificate).Where(c => c is not null)];
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or CertificateFormatException
                                    or Org.BouncyCastle.Security.Certificates.CertificateException or Asn1Exception)
        {
            return new(VerificationFailure.ChainInvalid, "a certificate (TSA, CA or in the token) is not decodable");
        }

        var usage = CheckUsage(signer);
        if (usage is { } bad)
            return bad;

        var at = genTime.UtcDateTime;
        var current = signer;
        for (var depth = 0; ; depth++)
        {
            if (!current.IsValid(at))
                return new(VerificationFailure.NotValidAtGenTime, $"certificate '{current.SubjectDN}' was not valid at genTime {genTime:u}");
            if (current.IssuerDN.Equivalent(ca.SubjectDN) && SignedBy(current, ca.GetPublicKey()))
                break;
            var next = depth < MaxDepth ? pool.FirstOrDefault(c => c.SubjectDN.Equivalent(current.IssuerDN) && !c.Equals(current) && SignedBy(current, c.GetPublicKey())) : null;
            if (next is null)
                return new(VerificationFailure.ChainInvalid, $"certificate '{current.SubjectDN}' does not chain to the CA '{ca.SubjectDN}'");
            current = next;
        }
        if (!ca.IsValid(at))
            return new(VerificationFailure.NotValidAtGenTime, $"the CA certificate was not valid at genTime {genTime:u}");

        return options.CrlDer is { IsEmpty: false } crl ? CheckCrl(crl.ToArray(), ca, signer, genTime, notes) : new(VerificationFailure.None, "");
    }

    private static Outcome? CheckUsage(X509Certificate signer)
    {
        var critical = signer.GetCriticalExtensionOids() ?? new HashSet<string>();
        IList<DerObjectIdentifier>? eku;
        try
        {
            eku = signer.GetExtendedKeyUsage();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or Asn1Exception or IOException)
        {
            eku = null;
        }
        if (eku is null || eku.Count != 1 || !eku[0].Equals(KeyPurposeID.id_kp_timeStamping) || !critical.Contains(X509Extensions.ExtendedKeyUsage.Id))
            return new(VerificationFailure.KeyUsageInvalid, "the TSA certificate's EKU is not critical id-kp-timeStamping only (RFC 3161 §2.3)");
        var keyUsage = signer.GetKeyUsage();
        if (keyUsage is not null && !keyUsage[0])
            return new(VerificationFailure.KeyUsageInvalid, "the TSA certificate's keyUsage lacks digitalSignature");
        return null;
    }

    private static bool SignedBy(X509Certificate certificate, AsymmetricKeyParameter issuerKey)
    {
        try
        {
            return certificate.IsSignatureValid(issuerKey);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or InvalidOperationException
                                    or Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SecurityUtilityException
                                    or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            return false;
        }
    }

    private static Outcome CheckCrl(byte[] crlDer, X509Certificate ca, X509Certificate signer, DateTimeOffset genTime, List<string> notes)
    {
        X509Crl? crl;
        try
        {
            crl = new X509CrlParser().ReadCrl(crlDer);
            if (crl is null || !crl.IssuerDN.Equivalent(ca.SubjectDN) || !crl.IsSignatureValid(ca.GetPublicKey()))
                return new(VerificationFailure.CrlInvalid, "the CRL is not issued and signed by the CA");
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Asn1Exception
                                    or Org.BouncyCastle.Security.Certificates.CrlException or Org.BouncyCastle.Security.InvalidKeyException
                                    or Org.BouncyCastle.Security.SecurityUtilityException)
        {
            return new(VerificationFailure.CrlInvalid, "the CRL is not decodable");
        }
        if (!signer.IssuerDN.Equivalent(ca.SubjectDN))
        {
            notes.Add("CRL not applied: the TSA certificate is issued by an intermediate, not by the CA that signed the CRL");
            return new(VerificationFailure.None, "");
        }
        var entry = crl.GetRevokedCertificate(signer.SerialNumber);
        if (entry is null)
        {
            notes.Add($"CRL checked (thisUpdate {crl.ThisUpdate:u}): TSA certificate not revoked");
            return new(VerificationFailure.None, "");
        }
        var reason = ReadReason(entry);
        var revokedAt = new DateTimeOffset(DateTime.SpecifyKind(entry.RevocationDate, DateTimeKind.Utc));
        if (reason == CrlReason.KeyCompromise)
        {
            var compromisedAt = ReadInvalidityDate(entry) ?? revokedAt;
            if (genTime >= compromisedAt)
                return new(VerificationFailure.Revoked, $"TSA key compromised at {compromisedAt:u}; genTime {genTime:u} is not before it (RFC 3161 §4)");
            notes.Add($"TSA certificate revoked for keyCompromise from {compromisedAt:u}; this token's genTime precedes it and stays valid (RFC 3161 §4)");
            return new(VerificationFailure.None, "");
        }
        if (genTime >= revokedAt)
            return new(VerificationFailure.Revoked, $"TSA certificate revoked at {revokedAt:u} (reason {ReasonName(reason)}) before genTime {genTime:u}");
        notes.Add($"TSA certificate revoked at {revokedAt:u} (reason {ReasonName(reason)}) after genTime; the token stays valid");
        return new(VerificationFailure.None, "");
    }

    private static int ReadReason(X509CrlEntry entry)
    {
        var value = entry.GetExtensionValue(X509Extensions.ReasonCode);
        return value is null ? CrlReason.Unspecified : CrlReason.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).IntValueExact;
    }

    private static DateTimeOffset? ReadInvalidityDate(X509CrlEntry entry)
    {
        var value = entry.GetExtensionValue(X509Extensions.InvalidityDate);
        if (value is null)
            return null;
        var time = Asn1GeneralizedTime.GetInstance(X509ExtensionUtilities.FromExtensionValue(value)).ToDateTime();
        return new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));
    }

    private static string ReasonName(int reason) => reason switch
    {
        CrlReason.Superseded => "superseded",
        CrlReason.CessationOfOperation => "cessationOfOperation",
        CrlReason.KeyCompromise => "keyCompromise",
        _ => "code " + reason.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private sealed class CertificateFormatException : Exception;
}
