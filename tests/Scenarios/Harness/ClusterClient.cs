using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// The control plane's HTTP API as the issue texts specify it: /api/cluster, /api/events,
/// /api/incidents, /api/tokens, /api/audit/verify, /certs/*, /crl and (with --faults) /api/faults/*.
/// Every non-success answer throws with the status and body, so a missing endpoint fails loudly.
/// Calls carry the operator token (Authorization: Bearer) read from the control plane's data folder.
/// </summary>
public sealed class ClusterClient : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly HttpClient _http;
    private readonly string? _tokenFile;

    /// <param name="baseUri">The control plane.</param>
    /// <param name="tokenFile">
    /// The operator token file the control plane created in the data folder the harness gave it
    /// (DATA/operator-token); read on first use, since the process writes it as it starts. Null for
    /// servers without API authentication (the load generator's stub TSA).
    /// </param>
    public ClusterClient(Uri baseUri, string? tokenFile = null)
    {
        BaseUri = baseUri;
        _tokenFile = tokenFile;
        _http = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri BaseUri { get; }

    /// <summary>DATA/operator-token: the file `cctsa up --data DATA` and `cctsa serve --data DATA` create.</summary>
    public static string OperatorTokenFile(string dataDirectory) => Path.Combine(dataDirectory, "operator-token");

    public async Task<ClusterSnapshot> ClusterAsync(CancellationToken ct = default) =>
        await _http.GetFromJsonAsync<ClusterSnapshot>("/api/cluster", Web, ct).ConfigureAwait(false)
        ?? throw new InvalidOperationException("/api/cluster returned null");

    /// <summary>
    /// GET /api/dashboard: whether every online share holder reports a finished pairwise
    /// threshold-ECDSA setup with every other one (a holder that reports no list holds no ECDSA
    /// share), and the pairs as text for a failure message.
    /// </summary>
    public async Task<(bool AllPaired, string Pairs)> EcdsaPairsAsync(CancellationToken ct = default)
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("/api/dashboard", ct).ConfigureAwait(false));
        var holders = doc.RootElement.GetProperty("nodes").EnumerateArray()
            .Where(n => n.GetProperty("online").GetBoolean() && n.GetProperty("holdsShare").GetBoolean())
            .Select(n => (Id: n.GetProperty("id").GetString()!, Paired: n.TryGetProperty("ecdsaPairedPeers", out var p) && p.ValueKind == JsonValueKind.Array
                ? p.EnumerateArray().Select(e => e.GetString()!).ToList() : null))
            .ToList();
        var all = holders.TrueForAll(h => h.Paired is null || holders.TrueForAll(o => o.Id == h.Id || h.Paired.Contains(o.Id)));
        return (all, string.Join("; ", holders.Select(h => $"{h.Id}: {(h.Paired is null ? "-" : string.Join(",", h.Paired))}")));
    }

    /// <summary>All events (optionally of one type) after a sequence number, following "next" pages.</summary>
    public async Task<IReadOnlyList<AuditEvent>> EventsAsync(string? type = null, long after = 0, CancellationToken ct = default)
    {
        var all = new List<AuditEvent>();
        long? cursor = after;
        while (cursor is { } a)
        {
            var url = $"/api/events?after={a.ToString(CultureInfo.InvariantCulture)}&limit=1000" + (type is null ? "" : "&type=" + Uri.EscapeDataString(type));
            using var doc = JsonDocument.Parse(await GetStringAsync(url, ct).ConfigureAwait(false));
            foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
            {
                all.Add(new AuditEvent(
                    e.GetProperty("sequence").GetInt64(),
                    e.GetProperty("timestamp").GetDateTimeOffset(),
                    e.GetProperty("type").GetString()!,
                    e.TryGetProperty("hash", out var h) ? h.GetString() ?? "" : "",
                    e.GetProperty("data").Clone()));
            }
            cursor = doc.RootElement.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Number ? next.GetInt64() : null;
        }
        return all;
    }

    /// <summary>The sequence number of the newest event (0 for an empty log).</summary>
    public async Task<long> HeadAsync(CancellationToken ct = default) =>
        (await EventsAsync(null, 0, ct).ConfigureAwait(false)).Select(e => e.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>True when GET /api/policies lists <paramref name="name"/> as available.</summary>
    public async Task<bool> PolicyAvailableAsync(string name, CancellationToken ct = default) =>
        JsonDocument.Parse(await GetStringAsync("/api/policies", ct).ConfigureAwait(false)).RootElement.EnumerateArray()
            .Any(p => p.GetProperty("name").GetString() == name && p.GetProperty("available").GetBoolean());

    public async Task<JsonElement> IncidentsAsync(CancellationToken ct = default) =>
        JsonDocument.Parse(await GetStringAsync("/api/incidents", ct).ConfigureAwait(false)).RootElement.Clone();

    public async Task<JsonElement> TokensAsync(string query, CancellationToken ct = default) =>
        JsonDocument.Parse(await GetStringAsync("/api/tokens?" + query, ct).ConfigureAwait(false)).RootElement.Clone();

    /// <summary>GET /api/audit/verify → {"ok","events","firstBad"}.</summary>
    public async Task<(bool Ok, long Events, long? FirstBad)> AuditVerifyAsync(CancellationToken ct = default)
    {
        using var doc = JsonDocument.Parse(await GetStringAsync("/api/audit/verify", ct).ConfigureAwait(false));
        var r = doc.RootElement;
        return (r.GetProperty("ok").GetBoolean(), r.GetProperty("events").GetInt64(),
            r.TryGetProperty("firstBad", out var fb) && fb.ValueKind == JsonValueKind.Number ? fb.GetInt64() : null);
    }

    public Task<string> CaPemAsync(CancellationToken ct = default) => GetStringAsync("/certs/ca.pem", ct);

    public Task<string> EpochCertificatePemAsync(int epoch, CancellationToken ct = default) =>
        GetStringAsync($"/certs/epochs/{epoch.ToString(CultureInfo.InvariantCulture)}.pem", ct);

    public async Task<byte[]> CrlAsync(CancellationToken ct = default)
    {
        using var r = await _http.GetAsync("/crl", ct).ConfigureAwait(false);
        await EnsureAsync(r, "/crl", ct).ConfigureAwait(false);
        return await r.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    public Task KillAsync(string node, CancellationToken ct = default) => PostAsync($"/api/faults/{node}/kill", null, ct);

    public Task StartAsync(string node, NodeLaunch launch, CancellationToken ct = default) =>
        PostAsync($"/api/faults/{node}/start{launch.StartQuery()}", null, ct);

    public Task SkewAsync(string node, long offsetMicros, CancellationToken ct = default) =>
        PostAsync($"/api/faults/{node}/skew?offsetMicros={offsetMicros.ToString(CultureInfo.InvariantCulture)}", null, ct);

    public Task ClearAsync(string node, CancellationToken ct = default) => PostAsync($"/api/faults/{node}/clear", null, ct);

    public Task PartitionAsync(IReadOnlyList<IReadOnlyList<string>> groups, CancellationToken ct = default) =>
        PostAsync("/api/faults/partition", JsonContent.Create(new { groups }, options: Web), ct);

    public Task HealAsync(CancellationToken ct = default) => PostAsync("/api/faults/heal", null, ct);

    public Task ReportCompromiseAsync(IReadOnlyList<string> nodes, DateTimeOffset at, CancellationToken ct = default, string reason = "scenario: shares reported compromised") =>
        PostAsync("/api/incidents/compromise", JsonContent.Create(new { nodes, at = at.ToString("O", CultureInfo.InvariantCulture), reason }, options: Web), ct);

    /// <summary>True once the control plane answers /api/cluster at all (listening, routes mapped).</summary>
    public async Task<bool> AnswersAsync(CancellationToken ct = default)
    {
        try
        {
            using var r = await _http.GetAsync("/api/cluster", ct).ConfigureAwait(false);
            return r.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>True once the CA and the current epoch's TSA certificate are served (the TSA can issue).</summary>
    public async Task<bool> ServesCertificatesAsync(CancellationToken ct = default)
    {
        foreach (var path in new[] { "/certs/ca.pem", "/certs/tsa.pem" })
        {
            using var r = await _http.GetAsync(path, ct).ConfigureAwait(false);
            if (r.StatusCode != HttpStatusCode.OK) return false;
        }
        return true;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>Sends the operator token once its file exists (the control plane creates it at start).</summary>
    private void Authorize()
    {
        if (_tokenFile is null || _http.DefaultRequestHeaders.Authorization is not null || !File.Exists(_tokenFile)) return;
        var token = File.ReadAllText(_tokenFile).Trim();
        if (token.Length > 0) _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    private async Task<string> GetStringAsync(string path, CancellationToken ct)
    {
        Authorize();
        using var r = await _http.GetAsync(path, ct).ConfigureAwait(false);
        await EnsureAsync(r, path, ct).ConfigureAwait(false);
        return await r.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
    }

    private async Task PostAsync(string path, HttpContent? body, CancellationToken ct)
    {
        Authorize();
        using var content = body;
        using var r = await _http.PostAsync(path, content, ct).ConfigureAwait(false);
        await EnsureAsync(r, "POST " + path, ct).ConfigureAwait(false);
    }

    private static async Task EnsureAsync(HttpResponseMessage r, string what, CancellationToken ct)
    {
        if (r.IsSuccessStatusCode) return;
        var body = await r.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw new HttpRequestException($"{what} answered {(int)r.StatusCode} {r.StatusCode}: {body[..Math.Min(body.Length, 600)]}", null, r.StatusCode);
    }
}
