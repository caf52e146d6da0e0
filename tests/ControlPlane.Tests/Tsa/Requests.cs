using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>Hand-built TimeStampReq DER for the front tests: valid ones and each kind of refusal.</summary>
public static class Requests
{
    public const string Sha1Oid = "1.3.14.3.2.26";
    public const string Sha256Oid = "2.16.840.1.101.3.4.2.1";

    public static byte[] Valid(byte[]? data = null, bool certReq = true, BigInteger? nonce = null, string? policy = null) =>
        TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(data ?? "hello"u8.ToArray()), policy, nonce ?? 42, certReq);

    /// <summary>Any imprint algorithm OID and length, optionally with an extensions field.</summary>
    public static byte[] Raw(string algorithmOid, int imprintLength, string? policy = null, bool withExtension = false, int version = 1)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(version);
            using (writer.PushSequence())
            {
                using (writer.PushSequence())
                    writer.WriteObjectIdentifier(algorithmOid);
                writer.WriteOctetString(new byte[imprintLength]);
            }
            if (policy is not null)
                writer.WriteObjectIdentifier(policy);
            writer.WriteInteger(7);
            if (withExtension)
            {
                using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (writer.PushSequence())
                {
                    writer.WriteObjectIdentifier("1.2.3.4");
                    writer.WriteOctetString([1, 2, 3]);
                }
            }
        }
        return writer.Encode();
    }

    public static TimeStampResponse Read(byte[] response)
    {
        Assert.True(TimeStampResponseReader.TryRead(response, out var parsed, out var error), error);
        return parsed;
    }
}
