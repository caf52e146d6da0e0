using System.Security.Cryptography;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CcTsa.ControlPlane.Tests.Cli;

[Collection(CliConsoleCollection.Name)]
public sealed class VerifyCommandTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-cli-").FullName;
    private readonly DevCertificateAuthority _ca = DevCertificateAuthority.Create("CN=CLI Root", Now.AddDays(-1), Now.AddYears(5));

    public VerifyCommandTests()
    {
        File.WriteAllText(Path("ca.pem"), _ca.CertificatePem);
        File.WriteAllBytes(Path("data.bin"), "cli data"u8.ToArray());
        File.WriteAllBytes(Path("other.bin"), "other data"u8.ToArray());
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    /// <summary>A TSA key + certificate and one token for data.bin; returns the certificate DER.</summary>
    private byte[] IssueToken(string tsrName, bool certReq, string name = "CLI TSA")
    {
        var key = new Ed25519PrivateKeyParameters(new SecureRandom());
        byte[] Sign(ReadOnlySpan<byte> m) => TestEd25519.Sign(key, m);
        var csr = new CsrBuilder($"CN={name},O=CC-TSA", key.GeneratePublicKey().GetEncoded());
        var certDer = _ca.IssueTsaCertificate(csr.Complete(Sign(csr.ToBeSigned.Span)),
            new TsaCertificateTerms(Now.AddDays(-1), Now.AddYears(1), new KeyEpoch(4), [.. SHA384.HashData("img"u8)])).Value;
        var policies = new TsaPolicySet("1.3.6.1.4.1.4146.2.3");
        var requestDer = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(File.ReadAllBytes(Path("data.bin"))), nonce: 7, certReq: certReq);
        Assert.True(TimeStampRequestParser.TryParse(requestDer, policies, out var request, out _));
        var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), Now, TimeSpan.FromMicroseconds(50)), TsaCertificate.Parse(certDer));
        File.WriteAllBytes(Path(tsrName), prepared.Complete(Sign(prepared.SignedAttributesDer.Span)));
        return certDer;
    }

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliConsole.RunAsync(args);

    [Fact]
    public async Task Verify_valid_token_prints_details_and_exits_0()
    {
        IssueToken("t.tsr", certReq: true);
        var (exit, output, _) = await Run("verify", Path("data.bin"), Path("t.tsr"), "--ca", Path("ca.pem"));
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("verdict:   VALID", output, StringComparison.Ordinal);
        Assert.Contains("genTime:   2026-05-01T12:00:00Z", output, StringComparison.Ordinal);
        Assert.Contains("epoch:     4", output, StringComparison.Ordinal);
        Assert.Contains("CN=CLI TSA", output, StringComparison.Ordinal);
        Assert.Contains("policy:    1.3.6.1.4.1.4146.2.3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_for_other_data_exits_1_with_ImprintMismatch()
    {
        IssueToken("t.tsr", certReq: true);
        var (exit, output, _) = await Run("verify", Path("other.bin"), Path("t.tsr"), "--ca", Path("ca.pem"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("INVALID (ImprintMismatch)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_flipped_byte_exits_1_with_SignatureInvalid()
    {
        IssueToken("t.tsr", certReq: true);
        var bytes = File.ReadAllBytes(Path("t.tsr"));
        bytes[^3] ^= 1;
        File.WriteAllBytes(Path("flipped.tsr"), bytes);
        var (exit, output, _) = await Run("verify", Path("data.bin"), Path("flipped.tsr"), "--ca", Path("ca.pem"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("INVALID (SignatureInvalid)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_another_tsa_certificate_exits_1_with_EssCertIdMismatch()
    {
        IssueToken("t.tsr", certReq: false);
        var other = IssueToken("unused.tsr", certReq: false, name: "Other TSA");
        File.WriteAllText(Path("other-tsa.pem"), Pem.Encode(Pem.Certificate, other));
        var (exit, output, _) = await Run("verify", Path("data.bin"), Path("t.tsr"), "--ca", Path("ca.pem"), "--tsa-cert", Path("other-tsa.pem"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("INVALID (EssCertIdMismatch)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_with_missing_token_file_exits_2_without_stack_trace()
    {
        var (exit, _, error) = await Run("verify", Path("data.bin"), Path("missing.tsr"), "--ca", Path("ca.pem"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_without_ca_and_unreachable_tsa_exits_3()
    {
        IssueToken("t.tsr", certReq: true);
        var (exit, _, error) = await Run("verify", Path("data.bin"), Path("t.tsr"), "--url", "http://127.0.0.1:9/tsa");
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("cannot reach the TSA", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_to_unreachable_tsa_exits_3_with_a_clear_message()
    {
        var (exit, _, error) = await Run("request", Path("data.bin"), "--url", "http://127.0.0.1:9/tsa", "--out", Path("x.tsr"));
        Assert.Equal(ExitCodes.Unavailable, exit);
        Assert.Contains("cannot reach the TSA at http://127.0.0.1:9/tsa", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_with_unknown_hash_exits_2()
    {
        var (exit, _, error) = await Run("request", Path("data.bin"), "--hash", "sha1", "--out", Path("x.tsr"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("--hash must be one of", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }
}
