using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Formats.Asn1;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// A TSA certificate with everything a token needs precomputed once (the certificate is re-used by
/// every token of its epoch): its DER, the raw subject Name for the TSTInfo tsa field, the
/// IssuerAndSerialNumber signer identifier, and the encoded signing-certificate-v2 attribute value
/// carrying ESSCertIDv2 = SHA-256 of the certificate.
/// </summary>
public sealed class TsaCertificate
{
    private TsaCertificate(byte[] der)
    {
        Der = [.. der];
        CertHashSha256 = [.. SHA256.HashData(der)];
    }

    public ImmutableArray<byte> Der { get; }

    /// <summary>SHA-256 of the certificate DER: the ESSCertIDv2 certHash.</summary>
    public ImmutableArray<byte> CertHashSha256 { get; }

    public ImmutableArray<byte> SubjectDer { get; private set; }

    public ImmutableArray<byte> IssuerDer { get; private set; }

    /// <summary>Serial number as DER INTEGER content bytes.</summary>
    public ImmutableArray<byte> SerialNumber { get; private set; }

    public TokenSignatureAlgorithm Algorithm { get; private set; }

    /// <summary>Raw public key (Ed25519: 32 bytes; EC: uncompressed point; ML-DSA: encoded key).</summary>
    public ImmutableArray<byte> PublicKey { get; private set; }

    public DateTimeOffset NotBefore { get; private set; }

    public DateTimeOffset NotAfter { get; private set; }

    /// <summary>Key epoch from the project's SignerBinding extension, when present.</summary>
    public KeyEpoch? Epoch { get; private set; }

    /// <summary>Launch measurement (SHA-384) from the SignerBinding extension, when present.</summary>
    public ImmutableArray<byte>? LaunchMeasurement { get; private set; }

    /// <summary>Accuracy bound by the project's TokenAccuracy extension, when present.</summary>
    public TimeSpan? TokenAccuracy { get; private set; }

    /// <summary>
    /// Policy OIDs of the X.509 certificatePolicies extension (2.5.29.32), when present: the TSA
    /// policies the CA certified for this key. Null when the certificate carries no such extension.
    /// </summary>
    public ImmutableArray<string>? CertificatePolicies { get; private set; }

    /// <summary>
    /// True when the certificate allows tokens under <paramref name="policy"/>: it lists the policy
    /// or anyPolicy (2.5.29.32.0). A certificate without the extension leaves the choice to whoever
    /// installs it (<see cref="CertificatePolicies"/> null).
    /// </summary>
    public bool Certifies(string policy) =>
        CertificatePolicies is not { } listed || listed.Contains(policy, StringComparer.Ordinal) || listed.Contains(AnyPolicy, StringComparer.Ordinal);

    private const string CertificatePoliciesOid = "2.5.29.32";
    private const string AnyPolicy = "2.5.29.32.0";

    /// <summary>DER of IssuerAndSerialNumber (the SignerInfo sid).</summary>
    internal byte[] IssuerAndSerialDer { get; private set; } = [];

    /// <summary>DER of the SigningCertificateV2 value (the attribute's single AttributeValue).</summary>
    internal byte[] SigningCertificateV2Der { get; private set; } = [];

    /// <summary>DER of the tsa field: [0] EXPLICIT GeneralName { [4] directoryName subject }.</summary>
    internal byte[] TsaNameDer { get; private set; } = [];

    /// <summary>True when <paramref name="tsaField"/> (a TSTInfo tsa field, [0] included) is exactly this certificate's subject as a directoryName.</summary>
    public bool NamesTsa(ReadOnlySpan<byte> tsaField) => tsaField.SequenceEqual(TsaNameDer);

    public static TsaCertificate Parse(ReadOnlySpan<byte> der) =>
        TryParse(der, out var certificate, out var error) ? certificate : throw new ArgumentException("Not a usable TSA certificate: " + error, nameof(der));

    public static bool TryParse(ReadOnlySpan<byte> der, [NotNullWhen(true)] out TsaCertificate? certificate, [NotNullWhen(false)] out string? error)
    {
        certificate = null;
        var copy = der.ToArray();
        var result = new TsaCertificate(copy);
        try
        {
            error = result.Load(copy);
        }
        catch (AsnContentException)
        {
            error = "certificate is not DER";
        }
        if (error is not null)
            return false;
        certificate = result;
        return true;
    }

    private string? Load(byte[] der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var cert = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        var tbs = cert.ReadSequence();
        var version0 = new Asn1Tag(TagClass.ContextSpecific, 0, true);
        if (tbs.PeekTag().HasSameClassAndValue(version0))
            tbs.ReadSequence(version0);
        var serial = tbs.ReadIntegerBytes();
        tbs.ReadSequence(); // signature algorithm
        var issuer = tbs.ReadEncodedValue();
        var validity = tbs.ReadSequence();
        NotBefore = ReadTime(validity);
        NotAfter = ReadTime(validity);
        var subject = tbs.ReadEncodedValue();
        var spki = tbs.ReadSequence();
        var keyAlg = spki.ReadSequence();
        var keyOid = keyAlg.ReadObjectIdentifier();
        var keyParam = keyAlg.HasData ? keyAlg.ReadEncodedValue() : ReadOnlyMemory<byte>.Empty;
        PublicKey = [.. spki.ReadBitString(out _)];
        var algorithm = keyOid switch
        {
            Oids.Ed25519 => TokenSignatureAlgorithm.Ed25519,
            Oids.MlDsa65 => TokenSignatureAlgorithm.MlDsa65,
            "1.2.840.10045.2.1" when keyParam.Span.SequenceEqual(P384Param) => TokenSignatureAlgorithm.EcdsaP384Sha384,
            _ => (TokenSignatureAlgorithm?)null,
        };
        if (algorithm is null)
            return "certificate key algorithm is not Ed25519, ECDSA P-384 or ML-DSA-65";
        Algorithm = algorithm.Value;
        ReadExtensions(tbs);

        SubjectDer = [.. subject.Span];
        IssuerDer = [.. issuer.Span];
        SerialNumber = [.. serial.Span];
        IssuerAndSerialDer = EncodeIssuerAndSerial(issuer.Span, serial.Span);
        SigningCertificateV2Der = EncodeSigningCertificateV2(issuer.Span, serial.Span);
        TsaNameDer = EncodeTsaName(subject.Span);
        return null;
    }

    // DER of the namedCurve OID secp384r1 (1.3.132.0.34)
    private static ReadOnlySpan<byte> P384Param => [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22];

    private static DateTimeOffset ReadTime(AsnReader reader) =>
        reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime();

    private void ReadExtensions(AsnReader tbs)
    {
        var extTag = new Asn1Tag(TagClass.ContextSpecific, 3, true);
        while (tbs.HasData)
        {
            var tag = tbs.PeekTag();
            if (!tag.HasSameClassAndValue(extTag))
            {
                tbs.ReadEncodedValue();
                continue;
            }
            var extensions = tbs.ReadSequence(extTag).ReadSequence();
            while (extensions.HasData)
            {
                var extension = extensions.ReadSequence();
                var oid = extension.ReadObjectIdentifier();
                if (extension.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
                    extension.ReadBoolean();
                var value = extension.ReadOctetString();
                if (oid == ProjectOids.SignerBinding)
                {
                    var binding = new AsnReader(value, AsnEncodingRules.DER).ReadSequence();
                    LaunchMeasurement = [.. binding.ReadOctetString()];
                    Epoch = binding.TryReadInt32(out var epoch) ? new KeyEpoch(epoch) : null;
                }
                else if (oid == ProjectOids.TokenAccuracy)
                {
                    TokenAccuracy = TokenAccuracyExtension.TryDecode(value) ?? throw new AsnContentException("TokenAccuracy extension is malformed");
                }
                else if (oid == CertificatePoliciesOid)
                {
                    CertificatePolicies = ReadPolicyOids(value);
                }
            }
        }
    }

    // certificatePolicies ::= SEQUENCE SIZE (1..MAX) OF PolicyInformation { policyIdentifier, qualifiers OPTIONAL }
    private static ImmutableArray<string> ReadPolicyOids(byte[] value)
    {
        var reader = new AsnReader(value, AsnEncodingRules.DER);
        var sequence = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var oids = ImmutableArray.CreateBuilder<string>();
        while (sequence.HasData)
        {
            var information = sequence.ReadSequence();
            oids.Add(information.ReadObjectIdentifier());
        }
        if (oids.Count == 0) throw new AsnContentException("certificatePolicies extension is empty");
        return oids.ToImmutable();
    }

    private static byte[] EncodeIssuerAndSerial(ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteEncodedValue(issuer);
            writer.WriteInteger(serial);
        }
        return writer.Encode();
    }

    private byte[] EncodeSigningCertificateV2(ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial)
    {
        // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }
        // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256 (omitted), certHash, issuerSerial }
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        using (writer.PushSequence())
        using (writer.PushSequence())
        {
            writer.WriteOctetString(CertHashSha256.AsSpan());
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
                    writer.WriteEncodedValue(issuer);
                writer.WriteInteger(serial);
            }
        }
        return writer.Encode();
    }

    private static byte[] EncodeTsaName(ReadOnlySpan<byte> subject)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
        using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 4, true)))
            writer.WriteEncodedValue(subject);
        return writer.Encode();
    }
}
