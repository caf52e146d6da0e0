using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

/// <summary>
/// OpenSSL 3.0 as an independent client: its requests parse, and `openssl ts -reply -text` parses
/// every reply (granted and each rejection). OpenSSL 3.0 has no Ed25519 in CMS, so `ts -verify`
/// is not used here; certificates, CSR and CRL are checked with openssl instead.
/// </summary>
public sealed class OpensslInteropTests : IClassFixture<OpensslInteropTests.Context>
{
    public sealed class Context : IDisposable
    {
        public TestTsa Tsa { get; } = new();
        public string Dir { get; } = Directory.CreateTempSubdirectory("cctsa-openssl-").FullName;
        public Context() => File.WriteAllBytes(Path.Combine(Dir, "data.bin"), "interop data"u8.ToArray());
        public void Dispose()
        {
            Tsa.Dispose();
            Directory.Delete(Dir, true);
        }
    }

    private readonly Context _ctx;

    public OpensslInteropTests(Context ctx) => _ctx = ctx;

    private ExternalTool.Outcome Openssl(params string[] args) => ExternalTool.Run("openssl", _ctx.Dir, args);

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(_ctx.Dir, name), bytes);
        return name;
    }

    [Theory]
    [InlineData("sha256", true, true)]
    [InlineData("sha384", false, true)]
    [InlineData("sha512", true, false)]
    [InlineData("sha3-256", false, false)]
    [InlineData("sha3-384", true, true)]
    public async Task Openssl_query_is_accepted_and_reply_parses(string digest, bool cert, bool nonce)
    {
        var query = $"q-{digest}-{cert}-{nonce}.tsq";
        var args = new List<string> { "ts", "-query", "-data", "data.bin", "-" + digest, "-out", query };
        if (cert)
            args.Add("-cert");
        if (!nonce)
            args.Add("-no_nonce");
        var made = Openssl([.. args]);
        Assert.True(made.ExitCode == 0, made.ToString());

        var der = File.ReadAllBytes(Path.Combine(_ctx.Dir, query));
        Assert.True(TimeStampRequestParser.TryParse(der, _ctx.Tsa.Policies, out var request, out var rejection), rejection?.StatusText);
        Assert.Equal(cert, request.CertReq);
        Assert.Equal(nonce, request.Nonce is not null);

        var fields = new TstInfoFields(SerialNumber.NewRandom(), TestTsa.Now.AddTicks(1_230_000), TimeSpan.FromMicroseconds(50));
        var reply = Write(query + ".tsr", await TokenBuilder.IssueAsync(request, fields, _ctx.Tsa.Certificate, _ctx.Tsa.Signer, default));
        var text = Openssl("ts", "-reply", "-in", reply, "-text");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Status: Granted.", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Time stamp: May  1 12:00:00.123 2026 GMT", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("unspecified millis, 0x32 micros", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("TSA: DirName:", text.StdOut, StringComparison.Ordinal);
        Assert.Contains(nonce ? "Nonce: 0x" : "Nonce: unspecified", text.StdOut, StringComparison.Ordinal);

        // the bare token parses too
        var token = Openssl("ts", "-reply", "-in", reply, "-token_out", "-out", reply + ".tok");
        Assert.True(token.ExitCode == 0, token.ToString());
        Assert.True(Openssl("ts", "-reply", "-in", reply + ".tok", "-token_in", "-text").ExitCode == 0);
    }

    [Theory]
    [InlineData("sha1")]
    [InlineData("md5")]
    public void Openssl_query_with_weak_hash_is_rejected_with_badAlg_and_the_reply_parses(string digest)
    {
        Assert.Equal(0, Openssl("ts", "-query", "-data", "data.bin", "-" + digest, "-out", digest + ".tsq").ExitCode);
        Assert.False(TimeStampRequestParser.TryParse(File.ReadAllBytes(Path.Combine(_ctx.Dir, digest + ".tsq")), _ctx.Tsa.Policies, out _, out var rejection));
        Assert.Equal(PkiFailureInfo.BadAlg, rejection.FailInfo);
        var text = Openssl("ts", "-reply", "-in", Write(digest + ".tsr", TimeStampResponseEncoder.EncodeRejection(rejection)), "-text");
        Assert.Contains("Status: Rejected", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("unrecognized or unsupported algorithm identifier", text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Openssl_query_with_unoffered_policy_is_rejected_with_unacceptedPolicy()
    {
        Assert.Equal(0, Openssl("ts", "-query", "-data", "data.bin", "-sha256", "-tspolicy", "1.2.3.4.5", "-out", "policy.tsq").ExitCode);
        Assert.False(TimeStampRequestParser.TryParse(File.ReadAllBytes(Path.Combine(_ctx.Dir, "policy.tsq")), _ctx.Tsa.Policies, out _, out var rejection));
        Assert.Equal(PkiFailureInfo.UnacceptedPolicy, rejection.FailInfo);
    }

    [Theory]
    [InlineData(PkiFailureInfo.BadAlg, "unrecognized or unsupported algorithm identifier")]
    [InlineData(PkiFailureInfo.BadRequest, "transaction not permitted or supported")]
    [InlineData(PkiFailureInfo.BadDataFormat, "the data submitted has the wrong format")]
    [InlineData(PkiFailureInfo.TimeNotAvailable, "the TSA's time source is not available")]
    [InlineData(PkiFailureInfo.UnacceptedPolicy, "the requested TSA policy is not supported by the TSA")]
    [InlineData(PkiFailureInfo.UnacceptedExtension, "the requested extension is not supported by the TSA")]
    [InlineData(PkiFailureInfo.AddInfoNotAvailable, "the additional information requested could not be understood or is not available")]
    [InlineData(PkiFailureInfo.SystemFailure, "the request cannot be handled due to system failure")]
    public void Openssl_reads_every_rejection_with_the_right_failure_text(PkiFailureInfo failInfo, string opensslText)
    {
        var file = Write($"rej-{failInfo}.tsr", TimeStampResponseEncoder.EncodeRejection(new TimestampRejection(failInfo, "because")));
        var text = Openssl("ts", "-reply", "-in", file, "-text");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Status: Rejected", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Status description: because", text.StdOut, StringComparison.Ordinal);
        Assert.Contains(opensslText, text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Openssl_verifies_tsa_certificate_chain_for_timestamp_signing()
    {
        Write("ca.pem", System.Text.Encoding.ASCII.GetBytes(_ctx.Tsa.Ca.CertificatePem));
        Write("tsa.pem", System.Text.Encoding.ASCII.GetBytes(Pem.Encode(Pem.Certificate, _ctx.Tsa.CertificateDer)));
        var at = TestTsa.Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var verified = Openssl("verify", "-CAfile", "ca.pem", "-purpose", "timestampsign", "-attime", at, "tsa.pem");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("tsa.pem: OK", verified.StdOut, StringComparison.Ordinal);
        var text = Openssl("x509", "-in", "tsa.pem", "-noout", "-text");
        Assert.Contains("Extended Key Usage: critical", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Public Key Algorithm: ED25519", text.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Openssl_verifies_the_csr_proof_of_possession()
    {
        var builder = new CsrBuilder("CN=CC-TSA Ed25519 epoch 9,O=CC-TSA", _ctx.Tsa.Signer.PublicKey);
        Write("tsa.csr", builder.Complete(_ctx.Tsa.Signer.Sign(builder.ToBeSigned.Span)));
        var verified = Openssl("req", "-in", "tsa.csr", "-inform", "DER", "-verify", "-noout");
        Assert.True(verified.ExitCode == 0, verified.ToString());
        Assert.Contains("verify OK", verified.StdOut + verified.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Openssl_reads_the_crl_with_reasons_and_invalidity_date()
    {
        Write("ca.pem", System.Text.Encoding.ASCII.GetBytes(_ctx.Tsa.Ca.CertificatePem));
        var crl = new CrlBuilder()
            .AddRevocation(11, TestTsa.Now, CrlRevocationReason.KeyCompromise, TestTsa.Now.AddHours(-1))
            .AddRevocation(12, TestTsa.Now, CrlRevocationReason.Superseded)
            .Build(_ctx.Tsa.Ca, 3, TestTsa.Now, TestTsa.Now.AddDays(7));
        var text = Openssl("crl", "-in", Write("ca.crl", crl), "-inform", "DER", "-CAfile", "ca.pem", "-noout", "-text");
        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("verify OK", text.StdOut + text.StdErr, StringComparison.Ordinal);
        Assert.Contains("Key Compromise", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Invalidity Date", text.StdOut, StringComparison.Ordinal);
        Assert.Contains("Superseded", text.StdOut, StringComparison.Ordinal);
    }
}
