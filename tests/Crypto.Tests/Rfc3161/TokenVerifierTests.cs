using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

public sealed class TokenVerifierTests : IClassFixture<TokenVerifierTests.Tsas>
{
    public sealed class Tsas : IDisposable
    {
        public TestTsa Main { get; } = new();
        public TestTsa Other { get; }
        public Tsas() => Other = new TestTsa("Other TSA", Main.Ca);
        public void Dispose()
        {
            Other.Signer.Dispose();
            Main.Dispose();
        }
    }

    private static readonly byte[] Data = "contract v1"u8.ToArray();
    private readonly TestTsa _tsa;
    private readonly TestTsa _other;

    public TokenVerifierTests(Tsas tsas)
    {
        _tsa = tsas.Main;
        _other = tsas.Other;
    }

    [Fact]
    public void Verify_valid_token_with_embedded_certificate_is_valid()
    {
        var verdict = TokenVerifier.Verify(_tsa.Issue(Data), Data, _tsa.Options(giveTsaCert: false));
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Equal(new Contracts.Ids.KeyEpoch(1), verdict.Details!.Epoch);
        Assert.Contains("CC-TSA Test", verdict.Details.SignerSubject, StringComparison.Ordinal);
        Assert.Equal(TestTsa.Now, verdict.Details.TstInfo.GenTime);
    }

    [Fact]
    public void Verify_bare_token_is_valid() =>
        Assert.True(TokenVerifier.Verify(TestTsa.TokenOf(_tsa.Issue(Data)), Data, _tsa.Options()).IsValid);

    [Fact]
    public void Verify_token_without_certificate_needs_the_tsa_certificate()
    {
        var response = _tsa.Issue(Data, certReq: false);
        Assert.Equal(VerificationFailure.SignerCertificateMissing, TokenVerifier.Verify(response, Data, _tsa.Options(giveTsaCert: false)).Failure);
        Assert.True(TokenVerifier.Verify(response, Data, _tsa.Options()).IsValid);
    }

    [Fact]
    public void Verify_for_other_data_fails_with_ImprintMismatch() =>
        Assert.Equal(VerificationFailure.ImprintMismatch, TokenVerifier.Verify(_tsa.Issue(Data), "contract v2"u8.ToArray(), _tsa.Options()).Failure);

    [Fact]
    public void Verify_with_other_tsa_certificate_fails_with_EssCertIdMismatch() =>
        Assert.Equal(VerificationFailure.EssCertIdMismatch,
            TokenVerifier.Verify(_tsa.Issue(Data, certReq: false), Data, _other.Options()).Failure);

    [Fact]
    public void Verify_with_flipped_signature_byte_fails_with_SignatureInvalid()
    {
        var response = _tsa.Issue(Data);
        response[^5] ^= 0x01; // inside the Ed25519 signature, the last field of the token
        Assert.Equal(VerificationFailure.SignatureInvalid, TokenVerifier.Verify(response, Data, _tsa.Options()).Failure);
    }

    [Fact]
    public void Verify_with_flipped_genTime_byte_fails_with_MessageDigestMismatch()
    {
        var response = _tsa.Issue(Data);
        var at = IndexOf(response, "20260501120000Z"u8.ToArray());
        response[at + 3] = (byte)'7'; // 2027
        Assert.Equal(VerificationFailure.MessageDigestMismatch, TokenVerifier.Verify(response, Data, _tsa.Options()).Failure);
    }

    [Fact]
    public void Verify_with_flipped_structure_byte_fails_with_Malformed()
    {
        var response = _tsa.Issue(Data);
        response[1] ^= 0x40;
        Assert.Equal(VerificationFailure.Malformed, TokenVerifier.Verify(response, Data, _tsa.Options()).Failure);
    }

    [Fact]
    public void Verify_with_foreign_ca_fails_with_ChainInvalid()
    {
        using var foreign = new TestTsa("Foreign");
        var options = new TokenVerificationOptions(foreign.Ca.CertificateDer);
        Assert.Equal(VerificationFailure.ChainInvalid, TokenVerifier.Verify(_tsa.Issue(Data), Data, options).Failure);
    }

    [Fact]
    public void Verify_with_genTime_after_certificate_expiry_fails_with_NotValidAtGenTime() =>
        Assert.Equal(VerificationFailure.NotValidAtGenTime,
            TokenVerifier.Verify(_tsa.Issue(Data, genTime: TestTsa.Now.AddYears(3)), Data, _tsa.Options()).Failure);

    [Fact]
    public void Verify_rejection_response_fails_with_NotGranted()
    {
        var rejection = TimeStampResponseEncoder.EncodeRejection(new TimestampRejection(PkiFailureInfo.BadAlg, "no"));
        var verdict = TokenVerifier.Verify(rejection, Data, _tsa.Options());
        Assert.Equal(VerificationFailure.NotGranted, verdict.Failure);
        Assert.Contains("BadAlg", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_token_issued_after_key_compromise_fails_with_Revoked()
    {
        var crl = Crl(CrlRevocationReason.KeyCompromise, revokedAt: TestTsa.Now.AddHours(2), compromisedAt: TestTsa.Now.AddHours(1));
        var after = _tsa.Issue(Data, genTime: TestTsa.Now.AddHours(1).AddSeconds(1));
        Assert.Equal(VerificationFailure.Revoked, TokenVerifier.Verify(after, Data, _tsa.Options(crl)).Failure);
    }

    [Fact]
    public void Verify_token_issued_before_key_compromise_stays_valid_with_a_note()
    {
        var crl = Crl(CrlRevocationReason.KeyCompromise, revokedAt: TestTsa.Now.AddHours(2), compromisedAt: TestTsa.Now.AddHours(1));
        var verdict = TokenVerifier.Verify(_tsa.Issue(Data), Data, _tsa.Options(crl));
        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Contains(verdict.Notes, n => n.Contains("keyCompromise", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(CrlRevocationReason.Superseded)]
    [InlineData(CrlRevocationReason.CessationOfOperation)]
    public void Verify_routine_revocation_keeps_earlier_tokens_and_refuses_later_ones(CrlRevocationReason reason)
    {
        var crl = Crl(reason, revokedAt: TestTsa.Now.AddHours(1), compromisedAt: null);
        Assert.True(TokenVerifier.Verify(_tsa.Issue(Data), Data, _tsa.Options(crl)).IsValid);
        Assert.Equal(VerificationFailure.Revoked,
            TokenVerifier.Verify(_tsa.Issue(Data, genTime: TestTsa.Now.AddHours(2)), Data, _tsa.Options(crl)).Failure);
    }

    [Fact]
    public void Verify_with_crl_of_another_ca_fails_with_CrlInvalid()
    {
        using var foreign = new TestTsa("Foreign");
        var crl = new CrlBuilder().Build(foreign.Ca, 1, TestTsa.Now, TestTsa.Now.AddDays(7));
        Assert.Equal(VerificationFailure.CrlInvalid, TokenVerifier.Verify(_tsa.Issue(Data), Data, _tsa.Options(crl)).Failure);
    }

    [Fact]
    public void Verify_with_unrevoked_crl_is_valid() =>
        Assert.True(TokenVerifier.Verify(_tsa.Issue(Data), Data,
            _tsa.Options(Crl(CrlRevocationReason.Superseded, TestTsa.Now, null, serial: 12345))).IsValid);

    [Fact]
    public void Verify_garbage_is_Malformed() =>
        Assert.Equal(VerificationFailure.Malformed, TokenVerifier.Verify(new byte[] { 1, 2, 3 }, Data, _tsa.Options()).Failure);

    private byte[] Crl(CrlRevocationReason reason, DateTimeOffset revokedAt, DateTimeOffset? compromisedAt, System.Numerics.BigInteger? serial = null) =>
        new CrlBuilder()
            .AddRevocation(serial ?? new System.Numerics.BigInteger(_tsa.Certificate.SerialNumber.AsSpan(), isUnsigned: false, isBigEndian: true), revokedAt, reason, compromisedAt)
            .Build(_tsa.Ca, 7, TestTsa.Now, TestTsa.Now.AddDays(7));

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);
}
