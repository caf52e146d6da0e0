using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Encodes TimeStampResp (RFC 3161 §2.4.2). The one place that renders a rejection, used by both
/// the HTTP and the bus fronts, so a refused request looks the same whichever way it came.
/// </summary>
public static class TimeStampResponseEncoder
{
    /// <summary>PKIStatus values (RFC 3161 §2.4.2).</summary>
    internal const int StatusGranted = 0;
    internal const int StatusRejection = 2;

    /// <summary>A rejection: status rejection(2), statusString, failInfo with exactly one bit set.</summary>
    public static byte[] EncodeRejection(TimestampRejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        var bit = (int)rejection.FailInfo;
        if (bit is < 0 or > 31)
            throw new ArgumentOutOfRangeException(nameof(rejection), "failInfo bit out of range");

        // Named bit list in DER: bit n is the (n mod 8)-th most significant bit of byte n/8, and
        // trailing zero bits are dropped, so the string ends at the byte holding the set bit.
        var bits = new byte[(bit / 8) + 1];
        bits[bit / 8] = (byte)(0x80 >> (bit % 8));
        var unused = 7 - (bit % 8);

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
            {
                writer.WriteInteger(StatusRejection);
                using (writer.PushSequence())
                    writer.WriteCharacterString(UniversalTagNumber.UTF8String, rejection.StatusText);
                writer.WriteBitString(bits, unused);
            }
        }
        return writer.Encode();
    }

    /// <summary>A granted response wrapping a complete TimeStampToken (ContentInfo DER).</summary>
    public static byte[] EncodeGranted(ReadOnlySpan<byte> timeStampToken)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence())
                writer.WriteInteger(StatusGranted);
            writer.WriteEncodedValue(timeStampToken);
        }
        return writer.Encode();
    }
}
