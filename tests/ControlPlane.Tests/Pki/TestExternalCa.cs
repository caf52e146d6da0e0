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

namespace CcTsa.ControlPlane.Tests.Pki;

/// <summary>
/// A stand-in for an external CA (tests only): an ECDSA P-384 root that answers a CSR with a
/// certificate whose extended key usage the test chooses, so good and bad answers can be imported.
/// </summary>
public sealed class TestExternalCa
{
    private readonly AsymmetricCipherKeyPair _pair;

    public TestExternalCa(string subject = "CN=External Test CA,O=Elsewhere")
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP384r1, new SecureRandom()));
        _pair = generator.GenerateKeyPair();
        var name = new X509Name(subject);
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ValueOf(1));
        builder.SetIssuerDN(name);
        builder.SetSubjectDN(name);
        builder.SetNotBefore(DateTime.UtcNow.AddDays(-1));
        builder.SetNotAfter(DateTime.UtcNow.AddYears(5));
        builder.SetPublicKey(_pair.Public);
        builder.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(0));
        Root = builder.Generate(new Asn1SignatureFactory("SHA384WITHECDSA", _pair.Private));
    }

    public X509Certificate Root { get; }

    public byte[] RootDer => Root.GetEncoded();

    /// <summary>Issues for the CSR's key and subject; <paramref name="ekuCritical"/>/<paramref name="purposes"/> shape the EKU.</summary>
    public byte[] Issue(byte[] csrDer, bool ekuCritical = true, KeyPurposeID[]? purposes = null, string? subjectOverride = null)
    {
        var info = new Pkcs10CertificationRequest(csrDer).GetCertificationRequestInfo();
        var builder = new X509V3CertificateGenerator();
        builder.SetSerialNumber(BigInteger.ValueOf(Random.Shared.NextInt64(2, long.MaxValue)));
        builder.SetIssuerDN(Root.SubjectDN);
        builder.SetSubjectDN(subjectOverride is null ? info.Subject : new X509Name(subjectOverride));
        builder.SetNotBefore(DateTime.UtcNow.AddMinutes(-5));
        builder.SetNotAfter(DateTime.UtcNow.AddYears(1));
        builder.SetPublicKey(PublicKeyFactory.CreateKey(info.SubjectPublicKeyInfo));
        builder.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature));
        builder.AddExtension(X509Extensions.ExtendedKeyUsage, ekuCritical, new ExtendedKeyUsage(purposes ?? [KeyPurposeID.id_kp_timeStamping]));
        return builder.Generate(new Asn1SignatureFactory("SHA384WITHECDSA", _pair.Private)).GetEncoded();
    }
}
