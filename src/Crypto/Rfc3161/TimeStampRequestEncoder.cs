using System.Formats.Asn1;
using System.Numerics;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>Encodes a TimeStampReq (client side: `cctsa request`, tests, fuzz seeds).</summary>
public static class TimeStampRequestEncoder
{
    public static byte[] Encode(ImprintAlgorithm algorithm, ReadOnlySpan<byte> hashedMessage, string? policy = null, BigInteger? nonce = null, bool certReq = false)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(1);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(ImprintAlgorithms.Oid(algorithm));
                writer.WriteOctetString(hashedMessage);
            }
            if (policy is not null)
                writer.WriteObjectIdentifier(policy);
            if (nonce is { } n)
                writer.WriteInteger(n);
            if (certReq)
                writer.WriteBoolean(true);
        }
        return writer.Encode();
    }
}
