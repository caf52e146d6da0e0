using System.Formats.Asn1;
using System.Numerics;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>Strict DER decoding of TSTInfo (RFC 3161 §2.4.2). Throws AsnContentException on bad input.</summary>
internal static class TstInfoReader
{
    private static readonly Asn1Tag Millis = new(TagClass.ContextSpecific, 0);
    private static readonly Asn1Tag Micros = new(TagClass.ContextSpecific, 1);
    private static readonly Asn1Tag TsaTag = new(TagClass.ContextSpecific, 0, true);
    private static readonly Asn1Tag ExtensionsTag = new(TagClass.ContextSpecific, 1, true);

    public static TstInfoSummary Read(ReadOnlyMemory<byte> der)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        var seq = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        if (!seq.TryReadInt32(out var version) || version != 1)
            throw new AsnContentException("TSTInfo version is not 1");
        var policy = seq.ReadObjectIdentifier();
        var imprint = seq.ReadSequence();
        var algId = imprint.ReadSequence();
        var hashOid = algId.ReadObjectIdentifier();
        if (algId.HasData)
            algId.ReadNull();
        algId.ThrowIfNotEmpty();
        if (!ImprintAlgorithms.TryFromOid(hashOid, out var algorithm))
            throw new AsnContentException("TSTInfo imprint algorithm is not supported");
        var hashed = imprint.ReadOctetString();
        imprint.ThrowIfNotEmpty();
        var serial = seq.ReadInteger();
        if (serial.Sign < 0)
            throw new AsnContentException("negative serial number");
        var genTime = seq.ReadGeneralizedTime();

        TimeSpan? accuracy = null;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
            accuracy = ReadAccuracy(seq.ReadSequence());
        var ordering = false;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Boolean))
            ordering = seq.ReadBoolean();
        byte[]? nonce = null;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            nonce = seq.ReadIntegerBytes().ToArray();
        byte[]? tsa = null;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(TsaTag))
            tsa = seq.ReadEncodedValue().ToArray();
        var extensions = false;
        if (seq.HasData && seq.PeekTag().HasSameClassAndValue(ExtensionsTag))
        {
            seq.ReadEncodedValue();
            extensions = true;
        }
        seq.ThrowIfNotEmpty();

        return new TstInfoSummary(policy, algorithm, [.. hashed], new Contracts.Ids.SerialNumber(serial), genTime, accuracy, ordering,
            nonce is null ? null : [.. nonce], tsa is null ? null : [.. tsa], extensions);
    }

    private static TimeSpan ReadAccuracy(AsnReader accuracy)
    {
        BigInteger seconds = 0, millis = 0, micros = 0;
        if (accuracy.HasData && accuracy.PeekTag().HasSameClassAndValue(Asn1Tag.Integer))
            seconds = accuracy.ReadInteger();
        if (accuracy.HasData && accuracy.PeekTag().HasSameClassAndValue(Millis))
            millis = accuracy.ReadInteger(Millis);
        if (accuracy.HasData && accuracy.PeekTag().HasSameClassAndValue(Micros))
            micros = accuracy.ReadInteger(Micros);
        accuracy.ThrowIfNotEmpty();
        if (seconds < 0 || seconds > 86_400 * 365 || millis < 0 || millis > 999 || micros < 0 || micros > 999)
            throw new AsnContentException("accuracy out of range");
        return TimeSpan.FromSeconds((double)seconds) + TimeSpan.FromMilliseconds((double)millis) + TimeSpan.FromMicroseconds((double)micros);
    }
}
