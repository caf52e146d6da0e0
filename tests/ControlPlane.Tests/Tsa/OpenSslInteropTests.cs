using System.Net;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// `openssl ts -query` builds the requests, the running server answers over HTTP, and
/// `openssl ts -reply -text` must parse every reply: granted, rejected and 503.
/// </summary>
public sealed class OpenSslInteropTests : IAsyncLifetime
{
    private TsaTestHost _host = null!;
    private string _dir = null!;

    public async Task InitializeAsync()
    {
        _host = await TsaTestHost.StartAsync();
        _dir = Directory.CreateTempSubdirectory("cctsa-openssl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(_dir, "data.txt"), "the document to time-stamp\n");
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Theory]
    [InlineData("-sha256", "-cert")]
    [InlineData("-sha384", "-cert")]
    [InlineData("-sha512", "-no_nonce")]
    [InlineData("-sha3-256", "-cert")]
    [InlineData("-sha256", "-tspolicy", TsaTestHost.OtherPolicy)]
    public async Task Openssl_query_is_granted_and_the_reply_parses(params string[] options)
    {
        var (status, text) = await QueryAndReplyAsync(options);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(text.Contains("Status: Granted.", StringComparison.Ordinal), text);
        Assert.True(text.Contains("Serial number: 0x", StringComparison.Ordinal), text);
        Assert.True(text.Contains("TSA: DirName:", StringComparison.Ordinal), text);
        Assert.True(text.Contains(options.Contains("-tspolicy") ? TsaTestHost.OtherPolicy : TsaTestHost.Policy, StringComparison.Ordinal), text);
        Assert.True(text.Contains(options.Contains("-no_nonce") ? "Nonce: unspecified" : "Nonce: 0x", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task Openssl_query_with_sha1_is_rejected_and_the_reply_parses()
    {
        var (status, text) = await QueryAndReplyAsync("-sha1");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(text.Contains("Status: Rejected.", StringComparison.Ordinal), text);
        Assert.True(text.Contains("unrecognized or unsupported algorithm identifier", StringComparison.OrdinalIgnoreCase), text);
    }

    [Fact]
    public async Task Openssl_query_with_unknown_policy_is_rejected_and_the_reply_parses()
    {
        var (status, text) = await QueryAndReplyAsync("-sha256", "-tspolicy", "1.2.3.4");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(text.Contains("Status: Rejected.", StringComparison.Ordinal), text);
        Assert.True(text.Contains("Failure info: the requested TSA policy is not supported", StringComparison.OrdinalIgnoreCase), text);
    }

    [Fact]
    public async Task Openssl_query_below_quorum_gets_503_whose_body_parses()
    {
        _host.Gateway.Unavailable = ControlPlane.Tsa.Unavailability.BelowQuorum;
        var (status, text) = await QueryAndReplyAsync("-sha256", "-cert");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.True(text.Contains("Status: Rejected.", StringComparison.Ordinal), text);
        Assert.True(text.Contains("system failure", StringComparison.OrdinalIgnoreCase), text);
    }

    private async Task<(HttpStatusCode Status, string Text)> QueryAndReplyAsync(params string[] options)
    {
        var id = Guid.NewGuid().ToString("N");
        var query = Path.Combine(_dir, id + ".tsq");
        var reply = Path.Combine(_dir, id + ".tsr");
        var made = await OpenSsl.RunAsync(["ts", "-query", "-data", Path.Combine(_dir, "data.txt"), .. options, "-out", query]);
        Assert.True(made.ExitCode == 0, made.Output);

        using var response = await _host.PostAsync(await File.ReadAllBytesAsync(query));
        await File.WriteAllBytesAsync(reply, await response.Content.ReadAsByteArrayAsync());
        var parsed = await OpenSsl.RunAsync("ts", "-reply", "-in", reply, "-text");
        Assert.True(parsed.ExitCode == 0, parsed.Output);
        return (response.StatusCode, parsed.Output);
    }
}
