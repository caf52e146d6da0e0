using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// Issue 15 in the CLI: `cctsa request --policy NAME|OID` sends the policy's OID (an unknown name is
/// a usage error naming the policies), and `cctsa verify` checks an ECDSA P-384 token, fetching
/// the CA and, for a token without certificates, the certificate of the token's policy
/// (/certs/policies/ecdsa-p384/tsa.pem). The TSA is a minimal in-test one offering only ecdsa-p384.
/// </summary>
[Collection(CliConsoleCollection.Name)]
public sealed class EcdsaPolicyCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-ecdsa-cli-").FullName;
    private readonly DevCertificateAuthority _ca = DevCertificateAuthority.Create("CN=ECDSA CLI Root", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    private readonly TestEcdsaGroupKey _key = new();
    private readonly TsaCertificate _certificate;
    private readonly HttpListener _listener = new();
    private readonly string _base;

    public EcdsaPolicyCliTests()
    {
        var csr = new CsrBuilder("CN=CC-TSA ECDSA P-384 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.EcdsaP384Sha384, _key.PublicKey);
        _certificate = TsaCertificate.Parse(_ca.IssueTsaCertificate(csr.Complete(_key.Sign(csr.ToBeSigned.Span)),
            new TsaCertificateTerms(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("i"u8)],
                null, [TsaPolicies.EcdsaP384.Oid])).Value);
        var port = FreePort();
        _base = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(_base + "/");
        _listener.Start();
        _ = ServeAsync();
        File.WriteAllBytes(Path("data.bin"), "ecdsa cli data"u8.ToArray());
    }

    private string Path(string name) => System.IO.Path.Combine(_dir, name);

    [Fact]
    public async Task Request_by_policy_name_then_verify_fetching_the_policy_certificate_is_VALID()
    {
        var requested = await Run("request", Path("data.bin"), "--policy", "ecdsa-p384", "--url", _base + "/tsa", "--out", Path("t.tsr"));
        Assert.True(requested.Exit == ExitCodes.Ok, requested.Out + requested.Err);
        Assert.Contains($"policy ecdsa-p384 ({TsaPolicies.EcdsaP384.Oid})", requested.Out, StringComparison.Ordinal);

        var verified = await Run("verify", Path("data.bin"), Path("t.tsr"), "--url", _base + "/tsa");
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Out + verified.Err);
        Assert.Contains("/certs/policies/ecdsa-p384/tsa.pem", verified.Out, StringComparison.Ordinal);
        Assert.Contains("[ecdsa-with-SHA384 (P-384)]", verified.Out, StringComparison.Ordinal);
        Assert.Contains($"policy:    {TsaPolicies.EcdsaP384.Oid} (ecdsa-p384)", verified.Out, StringComparison.Ordinal);
        Assert.Contains("verdict:   VALID", verified.Out, StringComparison.Ordinal);

        var tampered = File.ReadAllBytes(Path("t.tsr"));
        tampered[^20] ^= 1;
        File.WriteAllBytes(Path("bad.tsr"), tampered);
        var refused = await Run("verify", Path("data.bin"), Path("bad.tsr"), "--url", _base + "/tsa");
        Assert.Equal(ExitCodes.Invalid, refused.Exit);
        Assert.Contains("INVALID (SignatureInvalid)", refused.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_with_a_policy_the_tsa_does_not_offer_exits_1_with_unacceptedPolicy()
    {
        var (exit, _, error) = await Run("request", Path("data.bin"), "--policy", "ED25519", "--url", _base + "/tsa", "--out", Path("r.tsr"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("UnacceptedPolicy", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_with_an_unknown_policy_name_is_a_usage_error_naming_the_policies()
    {
        var (exit, _, error) = await Run("request", Path("data.bin"), "--policy", "rsa", "--url", _base + "/tsa", "--out", Path("u.tsr"));
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains("unknown policy 'rsa': use ecdsa-p384 or ed25519", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path("u.tsr")));
    }

    [Theory]
    [InlineData("ecdsa-p384", "ecdsa")]
    [InlineData("ed25519", "ed")]
    [InlineData("1.2.3.4", "1.2.3.4")]
    public void Policy_argument_resolves_names_and_passes_dotted_oids(string given, string expected)
    {
        var oid = RequestCommand.PolicyOid(given);
        Assert.Equal(expected switch { "ecdsa" => TsaPolicies.EcdsaP384.Oid, "ed" => TsaPolicies.Ed25519.Oid, _ => expected }, oid);
        Assert.Equal(given == "ecdsa-p384" ? "policies/ecdsa-p384/tsa.pem" : "tsa.pem", VerifyCommand.TsaCertificatePath(oid));
    }

    private async Task ServeAsync()
    {
        var policies = new TsaPolicySet(TsaPolicies.EcdsaP384.Oid);
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            var path = context.Request.Url!.AbsolutePath;
            byte[] reply;
            if (path == "/certs/ca.pem")
                reply = Encoding.ASCII.GetBytes(_ca.CertificatePem);
            else if (path == "/certs/policies/ecdsa-p384/tsa.pem")
                reply = Encoding.ASCII.GetBytes(Pem.Encode(Pem.Certificate, _certificate.Der.AsSpan()));
            else if (path == "/tsa")
            {
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                reply = TimeStampRequestParser.TryParse(body.ToArray(), policies, out var request, out var rejection)
                    ? await TokenBuilder.IssueAsync(request, new TstInfoFields(SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TimeSpan.FromMicroseconds(50)), _certificate, _key, CancellationToken.None)
                    : TimeStampResponseEncoder.EncodeRejection(rejection);
            }
            else
            {
                context.Response.StatusCode = 404;
                context.Response.Close();
                continue;
            }
            await context.Response.OutputStream.WriteAsync(reply);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    private static Task<(int Exit, string Out, string Err)> Run(params string[] args) => CliConsole.RunAsync(args);

    public void Dispose()
    {
        _listener.Close();
        _key.Dispose();
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }
}
