using System.Net.Http.Headers;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Commands;

/// <summary>
/// The CLI's HTTP client of a TSA: POST /tsa (application/timestamp-query) and GET /certs/*.
/// An unreachable TSA becomes a <see cref="CliException"/> with exit code 3 and the URL.
/// </summary>
internal sealed class TsaClient
{
    public const string DefaultUrl = "http://127.0.0.1:8318/tsa";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly Uri _tsa;

    public TsaClient(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new CliException(ExitCodes.Usage, $"--url must be an absolute http(s) URL, got '{url}'");
        _tsa = uri;
    }

    public string CertificatesBase => new Uri(_tsa, "/certs").ToString();

    /// <summary>POSTs a TimeStampReq; returns the HTTP status and body.</summary>
    public async Task<(int Status, byte[] Body, string? ContentType)> PostAsync(byte[] request, CancellationToken ct)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        try
        {
            using var response = await Http.PostAsync(_tsa, content, ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
            return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new CliException(ExitCodes.Unavailable, $"cannot reach the TSA at {_tsa}: {e.Message}");
        }
    }

    /// <summary>GETs /certs/{name} (PEM) and returns the certificate DER.</summary>
    public async Task<byte[]> GetCertificateAsync(string name, CancellationToken ct)
    {
        var uri = new Uri(_tsa, "/certs/" + name);
        string text;
        try
        {
            using var response = await Http.GetAsync(uri, ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
                throw new CliException(ExitCodes.Unavailable, $"the TSA answered {(int)response.StatusCode} for {uri}");
            text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            throw new CliException(ExitCodes.Unavailable, $"cannot reach the TSA at {uri}: {e.Message}");
        }
        return Pem.TryDecode(text, Pem.Certificate, out var der)
            ? der
            : throw new CliException(ExitCodes.Unavailable, $"{uri} did not return a PEM certificate");
    }
}
