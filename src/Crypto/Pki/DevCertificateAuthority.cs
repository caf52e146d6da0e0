using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using CcTsa.Crypto.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// The built-in development CA of the embedded default: a self-signed ECDSA P-384 root (what every
/// RFC 3161 client can check) that issues one TSA certificate per key epoch from a CSR signed by the
/// threshold key, and signs CRLs. Pure: the caller stores the key (under ./data, mode 0600).
/// The private key is a BouncyCastle object, which cannot be wiped; this CA is for development only.
/// </summary>
public sealed class DevCertificateAuthority : IDisposable
{
    private ECPrivateKeyParameters? _key;
    private readonly X509Certificate _certificate;

    private DevCertificateAuthority(ECPrivateKeyParameters key, X509Certificate certificate)
    {
        _key = key;
        _certificate = certificate;
    }

    public byte[] CertificateDer => _certificate.GetEncoded();

    public string CertificatePem => Pem.Encode(Pem.Certificate, _certificate.GetEncoded());

    internal X509Certificate Certificate => _certificate;

    public static DevCertificateAuthority Create(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP384r1, new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var name = new X509Name(subject);

        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(RandomSerial());
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(notBefore.UtcDateTime);
        builder.SetNotAfter(notAfter.UtcDateTime);
        builder.SetPublicKey(pair.Public);
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        builder.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(pair.Public));
        var certificate = builder.Generate(new Asn1SignatureFactory("SHA384WITHECDSA", pair.Private));
        return new DevCertificateAuthority((ECPrivateKeyParameters)pair.Private, certificate);
    }

    /// <summary>Loads a CA from its certificate PEM and its PKCS#8 private key PEM.</summary>
    public static bool TryLoad(string certificatePem, string privateKeyPem, [NotNullWhen(true)] out DevCertificateAuthority? ca, [NotNullWhen(false)] out string? error)
    {
        ca = null;
        if (!Pem.TryDecode(certificatePem, Pem.Certificate, out var certDer))
            return Fail("no CERTIFICATE block in the CA certificate PEM", out error);
        if (!Pem.TryDecode(privateKeyPem, Pem.PrivateKey, out var keyDer))
            return Fail("no PRIVATE KEY (PKCS#8) block in the CA key PEM", out error);
        X509Certificate certificate;
        AsymmetricKeyParameter key;
        try
        {
            certificate = new X509CertificateParser().ReadCertificate(certDer);
            key = PrivateKeyFactory.CreateKey(keyDer);
        }
        catch (Exception e) when (e is IOException or ArgumentException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException or Asn1Exception)
        {
            return Fail("CA certificate or key is not decodable", out error);
        }
        if (certificate is null || key is not ECPrivateKeyParameters ec)
            return Fail("CA key is not an EC private key", out error);
        var derivedPublic = ec.Parameters.G.Multiply(ec.D).Normalize();
        if (certificate.GetPublicKey() is not ECPublicKeyParameters pub || !pub.Q.Equals(derivedPublic))
            return Fail("CA key does not match the CA certificate", out error);
        ca = new DevCertificateAuthority(ec, certificate);
        error = null;
        return true;
    }

    /// <summary>PKCS#8 PEM of the CA key, for the caller to store with mode 0600 (development only).</summary>
    public string ExportPrivateKeyPem() =>
        Pem.Encode(Pem.PrivateKey, PrivateKeyInfoFactory.CreatePrivateKeyInfo(Key).GetDerEncoded());

    /// <summary>
    /// Issues a TSA certificate for the key in <paramref name="csrDer"/>: checks the proof of
    /// possession and the subject, then sets EKU critical id-kp-timeStamping only, keyUsage
    /// digitalSignature critical, the SignerBinding extension (epoch, launch measurement) and,
    /// when the terms name them, the TokenAccuracy and certificatePolicies extensions.
    /// </summary>
    public Result<byte[], PkiError> IssueTsaCertificate(ReadOnlySpan<byte> csrDer, TsaCertificateTerms terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        if (!CsrReader.TryRead(csrDer, out var csr, out var csrError))
            return Result<byte[], PkiError>.Fail(csrError);
        if (terms.LaunchMeasurement.IsDefault || terms.LaunchMeasurement.Length != 48)
            return Result<byte[], PkiError>.Fail(new PkiError(PkiFailure.BadMeasurement, "launch measurement must be a 48-byte SHA-384 value"));
        if (terms.NotBefore >= terms.NotAfter)
            return Result<byte[], PkiError>.Fail(new PkiError(PkiFailure.BadValidity, "notBefore must precede notAfter"));
        if (terms.NotBefore.UtcDateTime < _certificate.NotBefore || terms.NotAfter.UtcDateTime > _certificate.NotAfter)
            return Result<byte[], PkiError>.Fail(new PkiError(PkiFailure.BadValidity, "TSA certificate validity must lie within the CA validity"));

        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(RandomSerial());
        builder.SetIssuerDN(_certificate.SubjectDN);
        builder.SetSubjectDN(X509Name.GetInstance(Asn1Object.FromByteArray(csr.SubjectDer)));
        builder.SetNotBefore(terms.NotBefore.UtcDateTime);
        builder.SetNotAfter(terms.NotAfter.UtcDateTime);
        var publicKey = PublicKeyFactory.CreateKey(csr.SubjectPublicKeyInfoDer);
        builder.SetPublicKey(publicKey);
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        builder.AddExtension(X509Extensions.ExtendedKeyUsage, true, new ExtendedKeyUsage(KeyPurposeID.id_kp_timeStamping));
        builder.AddExtension(X509Extensions.SubjectKeyIdentifier, false, X509ExtensionUtilities.CreateSubjectKeyIdentifier(publicKey));
        builder.AddExtension(X509Extensions.AuthorityKeyIdentifier, false, X509ExtensionUtilities.CreateAuthorityKeyIdentifier(_certificate));
        builder.AddExtension(new DerObjectIdentifier(ProjectOids.SignerBinding), false, EncodeSignerBinding(terms));
        if (terms.TokenAccuracy is { } accuracy)
            builder.AddExtension(new DerObjectIdentifier(ProjectOids.TokenAccuracy), false, Asn1Object.FromByteArray(TokenAccuracyExtension.Encode(accuracy)));
        if (!terms.Policies.IsDefaultOrEmpty)
            builder.AddExtension(X509Extensions.CertificatePolicies, false,
                new CertificatePolicies([.. terms.Policies.Select(p => new PolicyInformation(new DerObjectIdentifier(p)))]));
        return builder.Generate(SignatureFactory()).GetEncoded();
    }

    public void Dispose() => _key = null;

    public override string ToString() => "DevCertificateAuthority([redacted])";

    internal ISignatureFactory SignatureFactory() => new Asn1SignatureFactory("SHA384WITHECDSA", Key);

    private ECPrivateKeyParameters Key => _key ?? throw new ObjectDisposedException(nameof(DevCertificateAuthority));

    private static Asn1Object EncodeSignerBinding(TsaCertificateTerms terms)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteOctetString(terms.LaunchMeasurement.AsSpan());
            writer.WriteInteger(terms.Epoch.Number);
        }
        return Asn1Object.FromByteArray(writer.Encode());
    }

    internal static BigInteger RandomSerial()
    {
        var bytes = new byte[16];
        System.Security.Cryptography.RandomNumberGenerator.Fill(bytes);
        bytes[0] = (byte)((bytes[0] & 0x7F) | 0x40);
        return new BigInteger(1, bytes);
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
