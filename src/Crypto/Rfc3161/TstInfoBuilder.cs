using System.Formats.Asn1;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Encodes TSTInfo (RFC 3161 §2.4.2): version 1, the request's policy, the imprint copied, the
/// coordinator's serial and genTime (UTC, trailing fractional zeros dropped by DER), accuracy,
/// ordering FALSE (omitted as DEFAULT), the nonce echoed byte for byte, and tsa = [0] directoryName
/// of the certificate subject.
/// </summary>
public static class TstInfoBuilder
{
    public static byte[] Encode(TimeStampRequest request, TstInfoFields fields, TsaCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(certificate);
        if (fields.Accuracy <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(fields), "accuracy must be positive: it states the enforced clock bound");

        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            writer.WriteObjectIdentifier(request.Policy);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(ImprintAlgorithms.Oid(request.Algorithm));
                writer.WriteOctetString(request.HashedMessage.AsSpan());
            }
            writer.WriteInteger(fields.Serial.Value);
            writer.WriteGeneralizedTime(fields.GenTime.ToUniversalTime(), omitFractionalSeconds: false);
            WriteAccuracy(writer, fields.Accuracy);
            if (request.Nonce is { } nonce)
                writer.WriteInteger(nonce.AsSpan());
            writer.WriteEncodedValue(certificate.TsaNameDer);
        }
        return writer.Encode();
    }

    private static void WriteAccuracy(AsnWriter writer, TimeSpan accuracy)
    {
        // Round up to whole microseconds: the stated bound must never be tighter than the real one.
        var micros = (accuracy.Ticks + 9) / 10;
        var seconds = micros / 1_000_000;
        var millis = micros / 1000 % 1000;
        var restMicros = micros % 1000;
        using (writer.PushSequence())
        {
            if (seconds > 0)
                writer.WriteInteger(seconds);
            if (millis > 0)
                writer.WriteInteger(millis, new Asn1Tag(TagClass.ContextSpecific, 0));
            if (restMicros > 0)
                writer.WriteInteger(restMicros, new Asn1Tag(TagClass.ContextSpecific, 1));
        }
    }
}
