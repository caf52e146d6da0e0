using System.Net;
using System.Security.Cryptography;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Tests.Tsa;

public sealed class TsaEndpointsTests : IAsyncLifetime
{
    private TsaTestHost _host = null!;

    public async Task InitializeAsync() => _host = await TsaTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_valid_request_returns_granted_token_that_verifies_after_it_was_recorded()
    {
        var data = "document"u8.ToArray();
        using var response = await _host.PostAsync(Requests.Valid(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/timestamp-reply", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.True(Requests.Read(body).IsGranted);
        var ca = await CaDerAsync();
        var verdict = TokenVerifier.Verify(body, data, new TokenVerificationOptions(ca));
        Assert.True(verdict.IsValid, verdict.Reason);
        var recorded = Assert.Single(_host.Journal.Recorded);
        Assert.Equal(SHA256.HashData(data), recorded.HashedMessage);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/timestamp-reply")]
    [InlineData("application/octet-stream")]
    [InlineData(null)]
    public async Task Post_with_wrong_content_type_is_415(string? contentType)
    {
        using var response = await _host.PostAsync(Requests.Valid(), contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(_host.Journal.Recorded);
    }

    [Fact]
    public async Task Post_with_media_type_parameters_is_accepted()
    {
        using var response = await _host.PostAsync(Requests.Valid(), "Application/TimeStamp-Query; charset=binary");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Post_over_64_KiB_is_413()
    {
        using var response = await _host.PostAsync(new byte[(64 * 1024) + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_chunked_body_over_64_KiB_is_413()
    {
        using var content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
        content.Headers.ContentType = new("application/timestamp-query");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/tsa") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        using var response = await _host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Post_of_exactly_64_KiB_garbage_is_a_badDataFormat_rejection()
    {
        using var response = await _host.PostAsync(new byte[64 * 1024]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PkiFailureInfo.BadDataFormat, Requests.Read(await response.Content.ReadAsByteArrayAsync()).FailInfo);
    }

    public static TheoryData<string, byte[], PkiFailureInfo> Refusals() => new()
    {
        { "sha1 imprint", Requests.Raw(Requests.Sha1Oid, 20), PkiFailureInfo.BadAlg },
        { "sha256 with 20-byte imprint", Requests.Raw(Requests.Sha256Oid, 20), PkiFailureInfo.BadAlg },
        { "empty body", [], PkiFailureInfo.BadDataFormat },
        { "not DER", [0x30, 0x80, 0x00, 0x00], PkiFailureInfo.BadDataFormat },
        { "trailing bytes", [.. Requests.Valid(), 0x00], PkiFailureInfo.BadDataFormat },
        { "truncated", Requests.Valid()[..^3], PkiFailureInfo.BadDataFormat },
        { "unknown policy", Requests.Raw(Requests.Sha256Oid, 32, policy: "1.2.3.4.5"), PkiFailureInfo.UnacceptedPolicy },
        { "extension", Requests.Raw(Requests.Sha256Oid, 32, withExtension: true), PkiFailureInfo.UnacceptedExtension },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Post_of_refused_request_is_200_rejection_with_failInfo(string why, byte[] body, PkiFailureInfo expected)
    {
        using var response = await _host.PostAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Requests.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, reply.Status);
        Assert.True(expected == reply.FailInfo, why);
        Assert.Null(reply.Token);
        Assert.Empty(_host.Journal.Recorded);
    }

    [Theory]
    [InlineData(Unavailability.BelowQuorum, PkiFailureInfo.SystemFailure)]
    [InlineData(Unavailability.ClockUnavailable, PkiFailureInfo.TimeNotAvailable)]
    public async Task Post_when_signers_unavailable_is_503_with_rejection_body(Unavailability why, PkiFailureInfo expected)
    {
        _host.Gateway.Unavailable = why;
        using var response = await _host.PostAsync(Requests.Valid());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/timestamp-reply", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        var reply = Requests.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(expected, reply.FailInfo);
        Assert.Empty(_host.Journal.Recorded);
    }

    [Fact]
    public async Task Post_is_not_answered_before_the_issuance_is_durable()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Journal.Hold = hold;
        var pending = _host.PostAsync(Requests.Valid());
        await _host.Journal.Entered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(pending.IsCompleted);
        hold.SetResult();
        using var response = await pending;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(_host.Journal.Recorded);
    }

    [Fact]
    public async Task Post_when_audit_log_fails_withholds_the_token_with_503()
    {
        _host.Journal.Fail = true;
        using var response = await _host.PostAsync(Requests.Valid());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(PkiFailureInfo.SystemFailure, Requests.Read(await response.Content.ReadAsByteArrayAsync()).FailInfo);
    }

    [Fact]
    public async Task Post_with_repeated_serial_withholds_the_token_and_counts_it()
    {
        _host.Journal.RefuseAll = true;
        using var response = await _host.PostAsync(Requests.Valid());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _host.Issuance.RepeatedSerials);
    }

    [Fact]
    public async Task Certificate_routes_serve_ca_tsa_epoch_and_crl()
    {
        var ca = await _host.Client.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative));
        var tsa = await _host.Client.GetStringAsync(new Uri("/certs/tsa.pem", UriKind.Relative));
        var epoch1 = await _host.Client.GetStringAsync(new Uri("/certs/epochs/1.pem", UriKind.Relative));
        using var missing = await _host.Client.GetAsync(new Uri("/certs/epochs/2.pem", UriKind.Relative));
        using var crl = await _host.Client.GetAsync(new Uri("/crl", UriKind.Relative));

        Assert.True(Pem.TryDecode(ca, Pem.Certificate, out _));
        Assert.Equal(tsa, epoch1);
        Assert.True(Pem.TryDecode(tsa, Pem.Certificate, out var tsaDer));
        Assert.Equal(1, TsaCertificate.Parse(tsaDer).Epoch?.Number);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, crl.StatusCode);
        Assert.Equal("application/pkix-crl", crl.Content.Headers.ContentType?.MediaType);
        Assert.Empty(new Org.BouncyCastle.X509.X509CrlParser().ReadCrl(await crl.Content.ReadAsByteArrayAsync()).GetRevokedCertificates() ?? new HashSet<Org.BouncyCastle.X509.X509CrlEntry>());
    }

    [Fact]
    public async Task Client_that_disconnects_mid_body_is_not_a_server_error()
    {
        using (var tcp = new System.Net.Sockets.TcpClient())
        {
            await tcp.ConnectAsync(_host.BaseAddress.Host, _host.BaseAddress.Port);
            var stream = tcp.GetStream();
            var head = "POST /tsa HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/timestamp-query\r\nContent-Length: 1000\r\n\r\n"u8.ToArray();
            await stream.WriteAsync(head);
            await stream.WriteAsync(Requests.Valid()[..10]);
            await stream.FlushAsync();
        }
        // the front logs the abandoned request either as 499 (5112) or as a refused body (5110)
        await Task.WhenAny(_host.Logs.Seen(5112), _host.Logs.Seen(5110)).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.DoesNotContain(_host.Logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        using var after = await _host.PostAsync(Requests.Valid());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Single(_host.Journal.Recorded);
    }

    private async Task<byte[]> CaDerAsync()
    {
        var pem = await _host.Client.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative));
        Assert.True(Pem.TryDecode(pem, Pem.Certificate, out var der));
        return der;
    }
}
