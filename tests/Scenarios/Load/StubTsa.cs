using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace CcTsa.Scenarios.Load;

/// <summary>
/// A one-key TSA on loopback (HttpListener) serving /certs/ca.pem and /tsa, whose answers the test
/// chooses (<see cref="Mode"/>), to check the load generator's bookkeeping without a cluster.
/// Tokens are real: dev CA, Ed25519 TSA certificate from a CSR, the project's TokenBuilder.
/// </summary>
public sealed class StubTsa : IAsyncDisposable, ITokenSigner
{
    private const string Policy = "1.3.6.1.4.1.4146.2.3";
    private readonly HttpListener _listener = new();
    private readonly DevCertificateAuthority _ca;
    private readonly Ed25519PrivateKeyParameters _key = new(new SecureRandom());
    private readonly TsaCertificate _certificate;
    private readonly Task _serving;

    public StubTsa()
    {
        var now = DateTimeOffset.UtcNow;
        _ca = DevCertificateAuthority.Create("CN=Scenario Stub Root,O=CC-TSA", now.AddDays(-2), now.AddYears(2));
        var csr = new CsrBuilder("CN=Scenario Stub TSA,O=CC-TSA", _key.GeneratePublicKey().GetEncoded());
        var csrDer = csr.Complete(Sign(csr.ToBeSigned.Span));
        var terms = new TsaCertificateTerms(now.AddDays(-1), now.AddYears(1), new KeyEpoch(1), [.. SHA384.HashData("stub"u8)]);
        _certificate = TsaCertificate.Parse(_ca.IssueTsaCertificate(csrDer, terms).Value);
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public Uri BaseUri => new($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    public StubTsaMode Mode { get; set; } = StubTsaMode.Grant;

    public TokenSignatureAlgorithm Algorithm => TokenSignatureAlgorithm.Ed25519;

    public ValueTask<byte[]> SignAsync(ReadOnlyMemory<byte> signedAttributesDer, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Sign(signedAttributesDer.Span));

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            await _serving.ConfigureAwait(false);
        }
        catch (HttpListenerException)
        {
            // listener closed while waiting for a request
        }
        catch (ObjectDisposedException)
        {
            // same, on another code path
        }
        _ca.Dispose();
    }

    private byte[] Sign(ReadOnlySpan<byte> message)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _key);
        signer.BlockUpdate(message);
        return signer.GenerateSignature();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            var context = await _listener.GetContextAsync().ConfigureAwait(false);
            using var response = context.Response;
            var (status, type, body) = context.Request.Url?.AbsolutePath switch
            {
                "/certs/ca.pem" => (200, "application/x-pem-file", System.Text.Encoding.ASCII.GetBytes(Pem.Encode(Pem.Certificate, _ca.CertificateDer))),
                "/tsa" => await AnswerAsync(context.Request).ConfigureAwait(false),
                _ => (404, "text/plain", "not here"u8.ToArray()),
            };
            response.StatusCode = status;
            response.ContentType = type;
            response.ContentLength64 = body.Length;
            // the managed HttpListener sometimes ends a kept-alive connection under concurrent
            // requests (the client then sees ResponseEnded); one connection per request avoids that
            response.KeepAlive = false;
            await response.OutputStream.WriteAsync(body).ConfigureAwait(false);
        }
    }

    private async Task<(int, string, byte[])> AnswerAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        await request.InputStream.CopyToAsync(buffer).ConfigureAwait(false);
        const string reply = "application/timestamp-reply";
        switch (Mode)
        {
            case StubTsaMode.Reject:
                return (503, reply, TimeStampResponseEncoder.EncodeRejection(new TimestampRejection(PkiFailureInfo.TimeNotAvailable, "fewer than 3 signers")));
            case StubTsaMode.ServerError:
                return (500, "text/plain", "boom"u8.ToArray());
            default:
                var der = Mode == StubTsaMode.GrantForOtherData
                    ? TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData("other data"u8), nonce: 1, certReq: true)
                    : buffer.ToArray();
                if (!TimeStampRequestParser.TryParse(der, new TsaPolicySet(Policy), out var parsed, out var rejection))
                    return (200, reply, TimeStampResponseEncoder.EncodeRejection(rejection));
                var fields = new TstInfoFields(SerialNumber.NewRandom(), DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(1));
                return (200, reply, await TokenBuilder.IssueAsync(parsed, fields, _certificate, this, CancellationToken.None).ConfigureAwait(false));
        }
    }
}
