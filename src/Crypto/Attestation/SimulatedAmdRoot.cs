using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// A per-installation stand-in for AMD's key hierarchy, for machines without SEV-SNP: an RSA-4096
/// ARK (self-signed, RSA-PSS SHA-384), an ASK signed by it, and VCEKs (P-384) issued per chip id
/// and TCB with the genuine extensions. Like real hardware, a VCEK key is derived from a secret
/// seed, the chip id and the TCB, so reissuing gives the same key. Every certificate name carries
/// <see cref="Marker"/>, so a production policy refuses the chain (SimulatedRootRefused).
/// Whoever holds this object (the ARK/ASK keys and the VCEK seed) can mint a report that every
/// verifier accepting the simulated root takes as attested: it stays on the fleet side (the signers'
/// --sim-root bundle, mode 0600; the embedded fleet of `cctsa up`), and the control plane gets only
/// <see cref="Certificate"/>. For tests and drills, never production (docs/SECURITY.md).
/// </summary>
public sealed class SimulatedAmdRoot : IDisposable
{
    /// <summary>Text in every simulated certificate subject.</summary>
    public const string Marker = "(not genuine)";

    /// <summary>
    /// The TCB every simulated chip of a well-behaved installation runs (its VCEKs are issued for
    /// it), and so the default minimum TCB wherever the simulated root is accepted.
    /// </summary>
    public static readonly TcbParts SimulatedTcb = new(3, 0, 20, 209);
    private const string ArkName = "CN=SIMULATED AMD ARK " + Marker + ",O=CC-TSA simulated platform";
    private const string AskName = "CN=SIMULATED AMD ASK " + Marker + ",O=CC-TSA simulated platform";
    private const string VcekName = "CN=SIMULATED SEV-VCEK " + Marker + ",O=CC-TSA simulated platform";
    private const string VlekName = "CN=SIMULATED SEV-VLEK " + Marker + ",O=CC-TSA simulated platform";
    private const string PssSha384 = "SHA384WITHRSAANDMGF1";

    private readonly AsymmetricKeyParameter _arkKey;
    private readonly AsymmetricKeyParameter _askKey;
    private readonly byte[] _seed;
    private readonly BcCertificate _ark;
    private readonly BcCertificate _ask;
    private bool _disposed;

    private SimulatedAmdRoot(BcCertificate ark, AsymmetricKeyParameter arkKey, BcCertificate ask, AsymmetricKeyParameter askKey, byte[] seed)
    {
        (_ark, _arkKey, _ask, _askKey, _seed) = (ark, arkKey, ask, askKey, seed);
    }

    public byte[] ArkDer => _ark.GetEncoded();

    public byte[] AskDer => _ask.GetEncoded();

    /// <summary>AMD's genuine anchors plus this simulated root (a dev/test verifier's anchors).</summary>
    public AmdTrustAnchors TrustAnchors => AmdTrustAnchors.Genuine.WithSimulatedRoot(ArkDer, AskDer);

    /// <summary>The certificates only: what a verifier that must not mint reports (the control plane) is given.</summary>
    public SimulatedAmdRootCertificate Certificate => SimulatedAmdRootCertificate.FromDer(ArkDer, AskDer);

    /// <summary>Generates a new root. Done once per installation; the caller stores <see cref="ToPemBundle"/>.</summary>
    public static SimulatedAmdRoot Generate(DateTimeOffset now, int rsaBits = 4096)
    {
        var random = new SecureRandom();
        var arkPair = RsaPair(rsaBits);
        var askPair = RsaPair(rsaBits);
        var notBefore = now.UtcDateTime.AddDays(-1);
        var ark = Issue(ArkName, arkPair.Public, ArkName, arkPair.Private, notBefore, notBefore.AddYears(25), ca: true, random);
        var ask = Issue(AskName, askPair.Public, ArkName, arkPair.Private, notBefore, notBefore.AddYears(25), ca: true, random);
        return new SimulatedAmdRoot(ark, arkPair.Private, ask, askPair.Private, RandomNumberGenerator.GetBytes(48));
    }

    /// <summary>A per-installation, per-node CHIP_ID (64 bytes), stable across restarts.</summary>
    public ImmutableArray<byte> ChipIdFor(string nodeName)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return [.. HMACSHA512.HashData(_seed, Encoding.UTF8.GetBytes("cctsa simulated chip id:" + nodeName))];
    }

    /// <summary>Issues the VCEK of one chip at one TCB (Milan TCB layout), with its private key.</summary>
    public SimulatedVcek IssueVcek(ReadOnlySpan<byte> chipId, TcbParts tcb)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (chipId.Length != 64) throw new ArgumentException("CHIP_ID is 64 bytes.", nameof(chipId));
        return IssueEndorsementKey(chipId.ToArray(), "cctsa simulated VCEK v1", tcb, VcekName);
    }

    /// <summary>
    /// Issues a VLEK — the endorsement key AMD issues to a cloud provider (not tied to a chip, so no
    /// hardware id extension), signed by this root's ASK acting as the ASVK — at one TCB, with its
    /// private key. <paramref name="label"/> tells apart the VLEKs of different providers. A VLEK-signed
    /// report sets KEY_INFO.SIGNING_KEY to 1. Only tests use it: no genuine VLEK evidence exists here.
    /// </summary>
    public SimulatedVcek IssueVlek(string label, TcbParts tcb)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return IssueEndorsementKey(null, "cctsa simulated VLEK v1 " + label, tcb, VlekName);
    }

    private SimulatedVcek IssueEndorsementKey(byte[]? chipId, string purpose, TcbParts tcb, string subject)
    {
        var domain = ECNamedDomainParameters.LookupOid(Org.BouncyCastle.Asn1.Sec.SecObjectIdentifiers.SecP384r1);
        // 24 bytes for the purpose at least: the layout every simulated VCEK key has been derived with
        var info = new byte[8 + Math.Max(24, Encoding.ASCII.GetByteCount(purpose))];
        BitConverter.TryWriteBytes(info, tcb.ToVersion(SnpProduct.Milan).Raw);
        Encoding.ASCII.GetBytes(purpose).CopyTo(info, 8);
        var okm = HKDF.DeriveKey(HashAlgorithmName.SHA384, _seed, 64, chipId ?? [], info);
        var d = new BigInteger(1, okm).Mod(domain.N.Subtract(BigInteger.One)).Add(BigInteger.One);
        CryptographicOperations.ZeroMemory(okm);
        var priv = new ECPrivateKeyParameters(d, domain);
        var pub = new ECPublicKeyParameters(domain.G.Multiply(d).Normalize(), domain);
        // The hardware id is raw octets inside the extension (not DER), which only the low-level
        // extensions generator writes as-is; so the VCEK's TBS is assembled directly.
        var ext = new X509ExtensionsGenerator();
        ext.AddExtension(new DerObjectIdentifier(VcekExtensions.ProductNameOid), false, new DerIA5String("Milan-B0"));
        ext.AddExtension(new DerObjectIdentifier(VcekExtensions.BootLoaderOid), false, DerInteger.ValueOf(tcb.BootLoader));
        ext.AddExtension(new DerObjectIdentifier(VcekExtensions.TeeOid), false, DerInteger.ValueOf(tcb.Tee));
        ext.AddExtension(new DerObjectIdentifier(VcekExtensions.SnpOid), false, DerInteger.ValueOf(tcb.Snp));
        ext.AddExtension(new DerObjectIdentifier(VcekExtensions.MicrocodeOid), false, DerInteger.ValueOf(tcb.Microcode));
        if (chipId is not null) ext.AddExtension(new DerObjectIdentifier(VcekExtensions.HardwareIdOid), false, chipId);
        var factory = new Asn1SignatureFactory(PssSha384, _askKey, new SecureRandom());
        var sigAlg = (AlgorithmIdentifier)factory.AlgorithmDetails;
        var tbsGen = new V3TbsCertificateGenerator();
        tbsGen.SetSerialNumber(new DerInteger(new BigInteger(1, RandomNumberGenerator.GetBytes(16))));
        tbsGen.SetSignature(sigAlg);
        tbsGen.SetIssuer(new X509Name(AskName));
        tbsGen.SetStartDate(new Time(_ask.NotBefore));
        tbsGen.SetEndDate(new Time(_ask.NotAfter));
        tbsGen.SetSubject(new X509Name(subject));
        tbsGen.SetSubjectPublicKeyInfo(SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(pub));
        tbsGen.SetExtensions(ext.Generate());
        var tbs = tbsGen.GenerateTbsCertificate();
        var calculator = factory.CreateCalculator();
        using (var stream = calculator.Stream) tbs.EncodeTo(stream, Asn1Encodable.Der);
        var signature = calculator.GetResult().Collect();
        var cert = new BcCertificate(new X509CertificateStructure(tbs, sigAlg, new DerBitString(signature)));
        return new SimulatedVcek(cert.GetEncoded(), priv, chipId is null ? [] : [.. chipId], tcb);
    }

    /// <summary>PEM bundle: ARK and ASK certificates and keys (PKCS#8) and the VCEK seed. Secret: store 0600.</summary>
    public string ToPemBundle()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var sb = new StringBuilder();
        Append(sb, "ARK CERTIFICATE", _ark.GetEncoded());
        Append(sb, "ARK PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(_arkKey).GetDerEncoded());
        Append(sb, "ASK CERTIFICATE", _ask.GetEncoded());
        Append(sb, "ASK PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(_askKey).GetDerEncoded());
        Append(sb, "VCEK SEED", _seed);
        return sb.ToString();
    }

    /// <summary>Reads a bundle written by <see cref="ToPemBundle"/>; a damaged bundle is a FormatException.</summary>
    public static SimulatedAmdRoot FromPemBundle(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var parts = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            parts[rest[fields.Label].ToString()] = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            rest = rest[fields.Location.End..];
        }
        byte[] Part(string label) => parts.TryGetValue(label, out var v) ? v
            : throw new FormatException($"Simulated AMD root bundle lacks its {label}.");
        try
        {
            var parser = new X509CertificateParser();
            var seed = Part("VCEK SEED");
            if (seed.Length != 48) throw new FormatException("Simulated AMD root bundle has a VCEK seed of the wrong size.");
            var root = new SimulatedAmdRoot(parser.ReadCertificate(Part("ARK CERTIFICATE")), PrivateKeyFactory.CreateKey(Part("ARK PRIVATE KEY")),
                parser.ReadCertificate(Part("ASK CERTIFICATE")), PrivateKeyFactory.CreateKey(Part("ASK PRIVATE KEY")), seed);
            if (!AmdTrustAnchors.IsSimulated(root._ark) || !AmdSignatures.IsPssSha384SignedBy(root._ask, root._ark))
                throw new FormatException("Simulated AMD root bundle does not hold a simulated ARK that signed its ASK.");
            return root;
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new FormatException("Simulated AMD root bundle is damaged.", e);
        }
    }

    public void Dispose()
    {
        // BouncyCastle keeps key numbers in immutable BigIntegers that cannot be wiped; the seed can.
        CryptographicOperations.ZeroMemory(_seed);
        _disposed = true;
    }

    public override string ToString() => "SimulatedAmdRoot([redacted])";

    private static AsymmetricCipherKeyPair RsaPair(int bits)
    {
        // The platform RNG/OpenSSL generates large RSA keys far faster than a managed generator.
        using var rsa = RSA.Create(bits);
        return DotNetUtilities.GetRsaKeyPair(rsa);
    }

    private static BcCertificate Issue(string subject, AsymmetricKeyParameter pub, string issuer, AsymmetricKeyParameter issuerKey,
        DateTime notBefore, DateTime notAfter, bool ca, SecureRandom random)
    {
        var gen = Generator(subject, pub, issuer, notBefore, notAfter);
        gen.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(ca));
        gen.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        return gen.Generate(new Asn1SignatureFactory(PssSha384, issuerKey, random));
    }

    private static X509V3CertificateGenerator Generator(string subject, AsymmetricKeyParameter pub, string issuer, DateTime notBefore, DateTime notAfter)
    {
        var gen = new X509V3CertificateGenerator();
        gen.SetSerialNumber(new BigInteger(1, RandomNumberGenerator.GetBytes(16)));
        gen.SetSubjectDN(new X509Name(subject));
        gen.SetIssuerDN(new X509Name(issuer));
        gen.SetNotBefore(notBefore);
        gen.SetNotAfter(notAfter);
        gen.SetPublicKey(pub);
        return gen;
    }

    private static void Append(StringBuilder sb, string label, byte[] der) =>
        sb.Append(PemEncoding.Write(label, der)).Append('\n');
}
