using System.Net;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;

namespace CcTsa.Cli.Commands;

/// <summary>
/// The client of a control plane's /api/log/* (docs/TRANSPARENCY-LOG.md) and its CA certificate.
/// A refusal becomes a <see cref="CliException"/> quoting the server's ProblemDetails; an unreachable
/// server exits Unavailable; a body that is not the documented shape exits Invalid.
/// </summary>
internal sealed class LogClient(HttpClient http) : IDisposable
{
    public static LogClient Create(string url, string? token)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            throw new CliException(ExitCodes.Usage, $"not an absolute http(s) URL: {url}");
        var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(60) };
        CliToken.Apply(http, token);
        return new LogClient(http);
    }

    public async Task<SignedHead> HeadAsync(CancellationToken ct)
    {
        var json = await GetJsonAsync("/api/log/head", ct).ConfigureAwait(false);
        try { return SignedHead.Parse(json); }
        catch (FormatException e) { throw new CliException(ExitCodes.Invalid, $"{http.BaseAddress}api/log/head: {e.Message}"); }
    }

    public async Task<InclusionProof> InclusionAsync(string serialHex, long size, CancellationToken ct)
    {
        var json = await GetJsonAsync($"/api/log/proof/inclusion?serial={Uri.EscapeDataString(serialHex)}&size={size}", ct).ConfigureAwait(false);
        return Read("inclusion proof", () => new InclusionProof(json.GetProperty("leafIndex").GetInt64(), json.GetProperty("treeSize").GetInt64(),
            Convert.FromBase64String(json.GetProperty("entry").GetString()!), Hashes(json.GetProperty("auditPath"))));
    }

    public async Task<IReadOnlyList<Sha256Hash>> ConsistencyAsync(long from, long to, CancellationToken ct)
    {
        var json = await GetJsonAsync($"/api/log/proof/consistency?from={from}&to={to}", ct).ConfigureAwait(false);
        return Read("consistency proof", () => Hashes(json.GetProperty("proof")));
    }

    public async Task<byte[]> CaCertificateAsync(CancellationToken ct)
    {
        var pem = await SendAsync("/certs/ca.pem", ct).ConfigureAwait(false);
        return CcTsa.Crypto.Pki.Pem.TryDecode(pem, CcTsa.Crypto.Pki.Pem.Certificate, out var der) ? der
            : throw new CliException(ExitCodes.Invalid, $"{http.BaseAddress}certs/ca.pem is not a PEM certificate");
    }

    private static IReadOnlyList<Sha256Hash> Hashes(JsonElement array) =>
        [.. array.EnumerateArray().Select(e => Sha256Hash.FromBytes(Convert.FromBase64String(e.GetString()!)))];

    private T Read<T>(string what, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new CliException(ExitCodes.Invalid, $"{http.BaseAddress}: malformed {what}: {e.Message}");
        }
    }

    private async Task<JsonElement> GetJsonAsync(string path, CancellationToken ct)
    {
        var body = await SendAsync(path, ct).ConfigureAwait(false);
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement.Clone();
        }
        catch (JsonException e) { throw new CliException(ExitCodes.Invalid, $"{http.BaseAddress}{path.TrimStart('/')}: not JSON: {e.Message}"); }
    }

    private async Task<string> SendAsync(string path, CancellationToken ct)
    {
        HttpResponseMessage reply;
        try { reply = await http.GetAsync(new Uri(path, UriKind.Relative), ct).ConfigureAwait(false); }
        catch (HttpRequestException e) { throw new CliException(ExitCodes.Unavailable, $"cannot reach {http.BaseAddress}: {e.Message}"); }
        using (reply)
        {
            var body = await reply.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (reply.IsSuccessStatusCode) return body;
            var detail = ProblemDetail(body) ?? body;
            var code = reply.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest ? ExitCodes.Usage : ExitCodes.Invalid;
            throw new CliException(code, $"GET {path}: HTTP {(int)reply.StatusCode}: {detail}");
        }
    }

    private static string? ProblemDetail(string body)
    {
        try { return JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(); }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException) { return null; }
    }

    public void Dispose() => http.Dispose();
}
