using System.Formats.Asn1;
using System.Security.Cryptography;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// A TSTInfo as a malicious coordinator would write it: every field is the attacker's choice. The
/// defaults are what an honest coordinator writes now (so a test changes exactly one field), and
/// <see cref="SignedAttributes"/> wraps it the way TokenBuilder does, optionally with an extra attribute.
/// </summary>
internal sealed record CraftedTstInfo
{
    public string Policy { get; init; } = Fleet.TestCertificates.Policy;

    public string HashOid { get; init; } = "2.16.840.1.101.3.4.2.1"; // sha256

    public byte[] HashedMessage { get; init; } = SHA256.HashData("adversary"u8);

    public required DateTimeOffset GenTime { get; init; }

    /// <summary>Null: a fresh serial as an honest coordinator would pick for <see cref="GenTime"/> (new at every encoding).</summary>
    public SerialNumber? Serial { get; init; }

    public TimeSpan? Accuracy { get; init; } = Crypto.Pki.TokenAccuracyExtension.FleetDefault;

    public bool Ordering { get; init; }

    /// <summary>Null: the certificate's own tsa name; empty: no tsa field.</summary>
    public byte[]? TsaField { get; init; }

    public bool WithExtension { get; init; }

    public SerialNumber SerialUsed => Serial ?? TimedSerial.For(GenTime);

    public byte[] Encode(TsaCertificate certificate)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier(Policy);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(HashOid);
                writer.WriteOctetString(HashedMessage);
            }
            writer.WriteInteger(SerialUsed.Value);
            writer.WriteGeneralizedTime(GenTime.ToUniversalTime(), omitFractionalSeconds: false);
            if (Accuracy is { } accuracy)
                using (writer.PushSequence())
                {
                    var micros = accuracy.Ticks / 10;
                    if (micros / 1_000_000 > 0) writer.WriteInteger(micros / 1_000_000);
                    if (micros / 1000 % 1000 > 0) writer.WriteInteger(micros / 1000 % 1000, new Asn1Tag(TagClass.ContextSpecific, 0));
                    if (micros % 1000 > 0) writer.WriteInteger(micros % 1000, new Asn1Tag(TagClass.ContextSpecific, 1));
                }
            if (Ordering) writer.WriteBoolean(true);
            var tsa = TsaField ?? certificate.TsaNameDer;
            if (tsa.Length > 0) writer.WriteEncodedValue(tsa);
            if (WithExtension)
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, true)))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.3.6.1.4.1.99999.1");
                    writer.WriteOctetString([0x05, 0x00]);
                }
        }
        return writer.Encode();
    }

    /// <summary>content-type, message-digest, signing-certificate-v2 (as TokenBuilder writes them), plus <paramref name="extra"/> if given.</summary>
    public static byte[] SignedAttributes(byte[] tstInfo, TsaCertificate certificate, (string Oid, byte[] Value)? extra = null)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSetOf())
        {
            Attribute(writer, "1.2.840.113549.1.9.3", w => w.WriteObjectIdentifier("1.2.840.113549.1.9.16.1.4"));
            Attribute(writer, "1.2.840.113549.1.9.4", w => w.WriteOctetString(CmsDigest.Hash(certificate.Algorithm, tstInfo)));
            Attribute(writer, "1.2.840.113549.1.9.16.2.47", w => w.WriteEncodedValue(certificate.SigningCertificateV2Der));
            if (extra is { } e) Attribute(writer, e.Oid, w => w.WriteEncodedValue(e.Value));
        }
        return writer.Encode();
    }

    private static void Attribute(AsnWriter writer, string oid, Action<AsnWriter> value)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(oid);
            using (writer.PushSetOf())
                value(writer);
        }
    }
}
