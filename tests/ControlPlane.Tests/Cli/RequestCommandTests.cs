using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// `cctsa request` against a minimal in-test TSA (HttpListener answering with the Crypto API),
/// then `cctsa verify` on what it wrote. The real POST /tsa endpoint is tested where it is built.
/// </summary>
[Collection(CliConsoleCollection.Name)]
public sealed class RequestCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cctsa-req-").FullName;
    private readonly DevCertificateAuthority _ca = DevCertificateAuthority.Create("CN=Req Root", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());
    private readonly TsaCertificate _certificate;
    private readonly HttpListener _listener = new();
    private readonly string _url;

    public RequestCommandTests()
    {
        var csr = new CsrBuilder("CN=Req TSA,O=CC-TSA", _key.GeneratePublicKey().GetEncoded());
        _certificate = TsaCertificate.Parse(_ca.IssueTsaCertificate(csr.Complete(Sign(csr.ToBeSigned.Span)),
            new TsaCertificateTerms(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("i"u8)])).Value);
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}/tsa";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = ServeAsync();
        File.WriteAllBytes(System.IO.Path.Combine(_dir, "data.bin"), "request me"u8.ToArray());
        File.WriteAllText(System.IO.Path.Combine(_dir, "ca.pem"), _ca.CertificatePem);
    }

    private byte[] Sign(ReadOnlySpan<byte> message) => TestEd25519.Sign(_key, message);

    private async Task ServeAsync()
    {
        var policies = new TsaPolicySet("1.3.6.1.4.1.4146.2.3");
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
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            byte[] reply;
            if (TimeStampRequestParser.TryParse(body.ToArray(), policies, out var request, out var rejection))
            {
                var prepared = TokenBuilder.Prepare(request, new TstInfoFields(SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TimeSpan.FromMicroseconds(50)), _certificate);
                reply = prepared.Complete(Sign(prepared.SignedAttributesDer.Span));
            }
            else
                reply = TimeStampResponseEncoder.EncodeRejection(rejection);
            context.Response.ContentType = "application/timestamp-reply";
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

    [Theory]
    [InlineData("sha256")]
    [InlineData("sha3-384")]
    public async Task Request_granted_writes_a_token_that_verifies(string hash)
    {
        var data = System.IO.Path.Combine(_dir, "data.bin");
        var tsr = System.IO.Path.Combine(_dir, hash + ".tsr");
        var (exit, output, error) = await Run("request", data, "--hash", hash, "--cert", "--url", _url, "--out", tsr);
        Assert.True(exit == ExitCodes.Ok, output + error);
        Assert.Contains("granted: serial", output, StringComparison.Ordinal);
        var verified = await Run("verify", data, tsr, "--ca", System.IO.Path.Combine(_dir, "ca.pem"));
        Assert.True(verified.Exit == ExitCodes.Ok, verified.Out + verified.Err);
    }

    [Fact]
    public async Task Request_with_unoffered_policy_prints_the_rejection_and_exits_1()
    {
        var (exit, _, error) = await Run("request", System.IO.Path.Combine(_dir, "data.bin"), "--policy", "1.2.3.4", "--url", _url,
            "--out", System.IO.Path.Combine(_dir, "rejected.tsr"));
        Assert.Equal(ExitCodes.Invalid, exit);
        Assert.Contains("rejection, failInfo UnacceptedPolicy (bit 15)", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _listener.Close();
        _ca.Dispose();
        Directory.Delete(_dir, true);
    }
}
