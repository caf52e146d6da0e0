using System.Formats.Asn1;
using System.Security.Cryptography;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

public class TimeStampRequestParserTests
{
    private static readonly TsaPolicySet Policies = new(TestTsa.Policy, TestTsa.OtherPolicy);
    private static readonly byte[] Data = "hello, time"u8.ToArray();

    private static TimestampRejection Reject(byte[] der)
    {
        Assert.False(TimeStampRequestParser.TryParse(der, Policies, out _, out var rejection));
        return rejection;
    }

    /// <summary>Writes a TimeStampReq with arbitrary (possibly wrong) pieces.</summary>
    private static byte[] Request(string hashOid, byte[] hash, int version = 1, bool nullParams = false, string? policy = null,
        byte[]? nonce = null, bool? certReq = null, bool extension = false)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(version);
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier(hashOid);
                    if (nullParams)
                        w.WriteNull();
                }
                w.WriteOctetString(hash);
            }
            if (policy is not null)
                w.WriteObjectIdentifier(policy);
            if (nonce is not null)
                w.WriteEncodedValue([0x02, (byte)nonce.Length, .. nonce]); // raw, so tests can write non-DER integers
            if (certReq is { } c)
                w.WriteBoolean(c);
            if (extension)
            {
                using (w.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, true)))
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier("1.2.3.4");
                    w.WriteOctetString([5]);
                }
            }
        }
        return w.Encode();
    }

    [Theory]
    [InlineData(ImprintAlgorithm.Sha256)]
    [InlineData(ImprintAlgorithm.Sha384)]
    [InlineData(ImprintAlgorithm.Sha512)]
    [InlineData(ImprintAlgorithm.Sha3_256)]
    [InlineData(ImprintAlgorithm.Sha3_384)]
    public void Parse_with_allowed_hash_is_accepted_with_default_policy(ImprintAlgorithm algorithm)
    {
        var der = TestTsa.RequestFor(Data, algorithm, certReq: true, nonce: 42);
        Assert.True(TimeStampRequestParser.TryParse(der, Policies, out var request, out _));
        Assert.Equal(algorithm, request.Algorithm);
        Assert.Equal(ImprintAlgorithms.Hash(algorithm, Data), request.HashedMessage.ToArray());
        Assert.Equal(TestTsa.Policy, request.Policy);
        Assert.Equal(new byte[] { 42 }, request.Nonce!.Value.ToArray());
        Assert.True(request.CertReq);
    }

    [Fact]
    public void Parse_with_null_hash_parameters_is_accepted()
    {
        Assert.True(TimeStampRequestParser.TryParse(Request("2.16.840.1.101.3.4.2.1", new byte[32], nullParams: true), Policies, out var request, out _));
        Assert.False(request.CertReq);
        Assert.Null(request.Nonce);
    }

    [Fact]
    public void Parse_with_offered_policy_keeps_it() =>
        Assert.Equal(TestTsa.OtherPolicy, Assert.IsType<TimeStampRequest>(Parsed(Request("2.16.840.1.101.3.4.2.1", new byte[32], policy: TestTsa.OtherPolicy))).Policy);

    private static TimeStampRequest? Parsed(byte[] der) => TimeStampRequestParser.TryParse(der, Policies, out var r, out _) ? r : null;

    [Theory]
    [InlineData("1.3.14.3.2.26", 20)]              // SHA-1
    [InlineData("1.2.840.113549.2.5", 16)]         // MD5
    [InlineData("1.2.3.4.5", 32)]                  // unknown
    [InlineData("2.16.840.1.101.3.4.2.1", 31)]     // SHA-256, short
    [InlineData("2.16.840.1.101.3.4.2.1", 48)]     // SHA-256, long
    [InlineData("2.16.840.1.101.3.4.2.9", 32)]     // SHA3-384, wrong length
    public void Parse_with_disallowed_hash_or_length_is_rejected_with_badAlg(string oid, int length)
    {
        var rejection = Reject(Request(oid, new byte[length]));
        Assert.Equal(PkiFailureInfo.BadAlg, rejection.FailInfo);
        Assert.False(string.IsNullOrWhiteSpace(rejection.StatusText));
    }

    [Fact]
    public void Parse_with_version_2_is_rejected_with_badRequest() =>
        Assert.Equal(PkiFailureInfo.BadRequest, Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], version: 2)).FailInfo);

    [Fact]
    public void Parse_with_unoffered_policy_is_rejected_with_unacceptedPolicy() =>
        Assert.Equal(PkiFailureInfo.UnacceptedPolicy, Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], policy: "1.2.3.4.5.6")).FailInfo);

    [Fact]
    public void Parse_with_extension_is_rejected_with_unacceptedExtension() =>
        Assert.Equal(PkiFailureInfo.UnacceptedExtension, Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], extension: true)).FailInfo);

    [Fact]
    public void Parse_with_trailing_garbage_is_rejected_with_badDataFormat()
    {
        byte[] der = [.. TestTsa.RequestFor(Data), 0x00];
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(der).FailInfo);
    }

    [Fact]
    public void Parse_with_explicit_certReq_false_is_rejected_with_badDataFormat() =>
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], certReq: false)).FailInfo);

    [Fact]
    public void Parse_with_non_minimal_length_is_rejected_with_badDataFormat()
    {
        var der = TestTsa.RequestFor(Data);
        // re-encode the outer length in long form (0x81 nn): valid BER, invalid DER
        byte[] ber = [0x30, 0x81, der[1], .. der.AsSpan(2)];
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(ber).FailInfo);
    }

    [Fact]
    public void Parse_with_indefinite_length_is_rejected_with_badDataFormat()
    {
        var der = TestTsa.RequestFor(Data);
        byte[] ber = [0x30, 0x80, .. der.AsSpan(2), 0x00, 0x00];
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(ber).FailInfo);
    }

    [Fact]
    public void Parse_with_non_minimal_nonce_is_rejected_with_badDataFormat() =>
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], nonce: [0x00, 0x05])).FailInfo);

    [Fact]
    public void Parse_with_sha1_and_trailing_garbage_is_badDataFormat_not_badAlg()
    {
        byte[] der = [.. Request("1.3.14.3.2.26", new byte[20]), 0xFF];
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject(der).FailInfo);
    }

    [Fact]
    public void Parse_with_hash_parameters_other_than_null_is_rejected_with_badAlg()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(1);
            using (w.PushSequence())
            {
                using (w.PushSequence())
                {
                    w.WriteObjectIdentifier("2.16.840.1.101.3.4.2.1");
                    w.WriteInteger(7);
                }
                w.WriteOctetString(new byte[32]);
            }
        }
        Assert.Equal(PkiFailureInfo.BadAlg, Reject(w.Encode()).FailInfo);
    }

    [Fact]
    public void Parse_with_empty_input_is_rejected_with_badDataFormat() =>
        Assert.Equal(PkiFailureInfo.BadDataFormat, Reject([]).FailInfo);

    [Fact]
    public void Parse_over_64_KiB_is_rejected_without_decoding()
    {
        var big = new byte[TimeStampRequestParser.MaxRequestBytes + 1];
        RandomNumberGenerator.Fill(big);
        Assert.Equal(PkiFailureInfo.BadRequest, Reject(big).FailInfo);
    }

    [Fact]
    public void Parse_rejection_text_never_echoes_the_policy_oid()
    {
        var rejection = Reject(Request("2.16.840.1.101.3.4.2.1", new byte[32], policy: "1.2.3.4.5.999"));
        Assert.DoesNotContain("999", rejection.StatusText, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_nonce_with_high_bit_is_echoed_exactly()
    {
        byte[] nonce = [0x00, 0x80, 0x01, 0x02];
        Assert.True(TimeStampRequestParser.TryParse(Request("2.16.840.1.101.3.4.2.1", new byte[32], nonce: nonce), Policies, out var request, out _));
        Assert.Equal(nonce, request.Nonce!.Value.ToArray());
    }
}
