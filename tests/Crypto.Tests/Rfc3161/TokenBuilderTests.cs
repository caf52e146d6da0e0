using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.X509;
using BcTsp = Org.BouncyCastle.Tsp;

namespace CcTsa.Crypto.Tests.Rfc3161;

public sealed class TokenBuilderTests : IClassFixture<TokenBuilderTests.Tsa>
{
    public sealed class Tsa : IDisposable
    {
        public TestTsa Value { get; } = new();
        public void Dispose() => Value.Dispose();
    }

    private static readonly byte[] Data = "document to stamp"u8.ToArray();
    private readonly TestTsa _tsa;

    public TokenBuilderTests(Tsa fixture) => _tsa = fixture.Value;

    [Theory]
    [InlineData(ImprintAlgorithm.Sha256)]
    [InlineData(ImprintAlgorithm.Sha512)]
    [InlineData(ImprintAlgorithm.Sha3_384)]
    public void Issue_token_validates_with_BouncyCastle(ImprintAlgorithm algorithm)
    {
        var requestDer = TestTsa.RequestFor(Data, algorithm, certReq: true);
        var response = _tsa.Issue(Data, certReq: true, algorithm: algorithm);

        var bcResponse = new BcTsp.TimeStampResponse(response);
        bcResponse.Validate(new BcTsp.TimeStampRequest(requestDer)); // imprint, nonce, policy, status
        var certificate = new X509CertificateParser().ReadCertificate(_tsa.CertificateDer);
        bcResponse.TimeStampToken.Validate(certificate); // ESSCertIDv2, EKU, signature
        Assert.Equal(0x1234_5678_9abc_def0, bcResponse.TimeStampToken.TimeStampInfo.Nonce.LongValue);
    }

    // .NET TryDecode checks the CMS signature whenever the token embeds the signer certificate,
    // and .NET has no Ed25519 in CMS: it reads Ed25519 tokens issued without certificates only.
    [Fact]
    public void Issue_token_is_read_by_dotnet_Rfc3161TimestampToken()
    {
        var token = TestTsa.TokenOf(_tsa.Issue(Data, certReq: false));
        Assert.True(Rfc3161TimestampToken.TryDecode(token, out var decoded, out var consumed));
        Assert.Equal(token.Length, consumed);
        var info = decoded!.TokenInfo;
        Assert.Equal(TestTsa.Policy, info.PolicyId.Value);
        Assert.Equal(SHA256.HashData(Data), info.GetMessageHash().ToArray());
        Assert.Equal(TestTsa.Now, info.Timestamp);
        Assert.Equal(50L, info.AccuracyInMicroseconds);
        Assert.False(info.IsOrdering);
        Assert.Equal(new byte[] { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 }, info.GetNonce()!.Value.ToArray());
        Assert.Empty(decoded.AsSignedCms().Certificates);
    }

    [Fact]
    public void Issue_with_certReq_embeds_the_certificate_which_dotnet_cannot_check_for_Ed25519()
    {
        var token = TestTsa.TokenOf(_tsa.Issue(Data, certReq: true));
        var cms = new SignedCms();
        cms.Decode(token);
        Assert.Equal(_tsa.CertificateDer, Assert.Single(cms.Certificates).RawData);
        Assert.Equal("1.3.101.112", cms.SignerInfos[0].SignatureAlgorithm.Value);
        Assert.False(Rfc3161TimestampToken.TryDecode(token, out _, out _)); // flips to true with threshold ECDSA
    }

    [Fact]
    public void Issue_without_certReq_includes_no_certificate()
    {
        var token = TestTsa.TokenOf(_tsa.Issue(Data, certReq: false));
        Assert.True(Rfc3161TimestampToken.TryDecode(token, out var decoded, out _));
        Assert.Empty(decoded!.AsSignedCms().Certificates);
    }

    [Fact]
    public void Prepare_signed_attributes_are_der_sorted_and_name_the_certificate()
    {
        var prepared = Prepare(TestTsa.Now);
        var set = new AsnReader(prepared.SignedAttributesDer, AsnEncodingRules.DER).ReadSetOf(); // DER validates the order
        var oids = new List<string>();
        while (set.HasData)
        {
            var attribute = set.ReadSequence();
            oids.Add(attribute.ReadObjectIdentifier());
            attribute.ReadEncodedValue();
        }
        Assert.Equal(["1.2.840.113549.1.9.3", "1.2.840.113549.1.9.4", "1.2.840.113549.1.9.16.2.47"], oids);
        Assert.True(SigningRequestInspector.TryInspect(prepared.TstInfoDer, prepared.SignedAttributesDer, TokenSignatureAlgorithm.Ed25519,
            out _, out var error, _tsa.Certificate), error);
    }

    [Theory]
    [InlineData(0, "20260501120000Z")]
    [InlineData(5_000_000, "20260501120000.5Z")]
    [InlineData(1_230_000, "20260501120000.123Z")]
    [InlineData(1, "20260501120000.0000001Z")]
    public void Prepare_genTime_has_no_trailing_fractional_zeros(long ticks, string expected)
    {
        var prepared = Prepare(TestTsa.Now.AddTicks(ticks));
        var text = System.Text.Encoding.ASCII.GetString(prepared.TstInfoDer.Span);
        Assert.Contains(expected, text, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_tsa_field_is_directoryName_of_the_certificate_subject()
    {
        var summary = Inspect(Prepare(TestTsa.Now));
        byte[] expected = [0xA0, .. Length(_tsa.Certificate.SubjectDer.Length + 2), 0xA4, .. Length(_tsa.Certificate.SubjectDer.Length), .. _tsa.Certificate.SubjectDer];
        Assert.Equal(expected, summary.TsaNameDer!.Value.ToArray());
    }

    private static byte[] Length(int n) => n < 128 ? [(byte)n] : [0x81, (byte)n];

    [Fact]
    public void Complete_with_wrong_signature_throws() =>
        Assert.Throws<ArgumentException>(() => Prepare(TestTsa.Now).Complete(new byte[64]));

    [Fact]
    public void Complete_trusting_the_caller_skips_the_check_and_the_verifier_catches_a_bad_signature()
    {
        var prepared = Prepare(TestTsa.Now);
        Assert.False(prepared.VerifySignature(new byte[64]));
        var response = prepared.Complete(new byte[64], SignatureCheck.VerifiedByCaller);
        Assert.Equal(VerificationFailure.SignatureInvalid, TokenVerifier.Verify(response, Data, _tsa.Options()).Failure);
    }

    [Fact]
    public void Inspect_with_tstinfo_other_than_the_digested_one_is_refused()
    {
        var a = Prepare(TestTsa.Now);
        var b = Prepare(TestTsa.Now.AddSeconds(1));
        Assert.False(SigningRequestInspector.TryInspect(b.TstInfoDer, a.SignedAttributesDer, TokenSignatureAlgorithm.Ed25519, out _, out var error));
        Assert.Contains("message-digest", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspect_with_garbage_attributes_is_refused() =>
        Assert.False(SigningRequestInspector.TryInspect(Prepare(TestTsa.Now).TstInfoDer, new byte[] { 0x31, 0x03, 0x02, 0x01, 0x01 }, TokenSignatureAlgorithm.Ed25519, out _, out _));

    [Fact]
    public void Inspect_returns_the_coordinator_fields()
    {
        var serial = SerialNumber.NewRandom();
        var request = _tsa.Parse(TestTsa.RequestFor(Data));
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(serial, TestTsa.Now, TimeSpan.FromMilliseconds(1.5)), _tsa.Certificate);
        var summary = Inspect(prepared);
        Assert.Equal(serial, summary.Serial);
        Assert.Equal(TestTsa.Now, summary.GenTime);
        Assert.Equal(TimeSpan.FromMilliseconds(1.5), summary.Accuracy);
        Assert.Equal(TestTsa.Policy, summary.Policy);
    }

    [Fact]
    public async Task IssueAsync_with_signer_of_other_algorithm_throws()
    {
        var request = _tsa.Parse(TestTsa.RequestFor(Data));
        var fields = new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now, TimeSpan.FromMicroseconds(50));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
            await TokenBuilder.IssueAsync(request, fields, _tsa.Certificate, new EcdsaLabelledSigner(), CancellationToken.None));
    }

    private sealed class EcdsaLabelledSigner : ITokenSigner
    {
        public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.EcdsaP384Sha384;
        public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) => ValueTask.FromResult(new byte[96]);
    }

    private PreparedToken Prepare(DateTimeOffset genTime) =>
        TokenBuilder.Prepare(_tsa.Parse(TestTsa.RequestFor(Data)), new TstInfoFields(SerialNumber.NewRandom(), genTime, TimeSpan.FromMicroseconds(50)), _tsa.Certificate);

    private static TstInfoSummary Inspect(PreparedToken prepared)
    {
        Assert.True(SigningRequestInspector.TryInspect(prepared.TstInfoDer, prepared.SignedAttributesDer, TokenSignatureAlgorithm.Ed25519, out var summary, out var error), error);
        return summary;
    }
}
