using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;

namespace CcTsa.Cli.Commands;

/// <summary>
/// The audit log read through a running control plane's GET /api/events (what `cctsa audit
/// query|export --url` use), with the auditor or operator token: the reads page by "next" and
/// decode each event with the one codec, so the same rendering serves both sources. Read-only:
/// appending, the head and chain verification are the store's (`--pg`/`--data`).
/// </summary>
internal sealed class ApiEventLog(HttpClient http) : IEventLog
{
    private const int PageSize = 1000;

    public event Action<IReadOnlyList<EventEnvelope>>? Committed { add { } remove { } }

    public async Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default)
    {
        var rows = new List<EventEnvelope>();
        long? cursor = after;
        while (cursor is { } a && rows.Count < limit)
        {
            var (page, next) = await PageAsync(a, Math.Min(PageSize, limit - rows.Count), filter, ct).ConfigureAwait(false);
            rows.AddRange(page);
            cursor = next;
        }
        return rows;
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, [EnumeratorCancellation] CancellationToken ct = default)
    {
        long? cursor = after;
        while (cursor is { } a)
        {
            var (page, next) = await PageAsync(a, PageSize, null, ct).ConfigureAwait(false);
            foreach (var e in page) yield return e;
            cursor = next;
        }
    }

    public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default) =>
        throw new NotSupportedException("the API log is read-only");

    public IAsyncEnumerable<StoredEvent> StoredAsync(long after, CancellationToken ct = default) =>
        throw new NotSupportedException("use --pg or --data for the stored rows");

    public Task<ChainHead> HeadAsync(CancellationToken ct = default) => throw new NotSupportedException("use --pg or --data for the chain head");

    public Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default) => throw new NotSupportedException("use --pg or --data to verify the chain");

    public ValueTask DisposeAsync()
    {
        http.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<(IReadOnlyList<EventEnvelope> Page, long? Next)> PageAsync(long after, int limit, EventFilter? filter, CancellationToken ct)
    {
        var query = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"/api/events?after={after}&limit={limit}"));
        if (filter?.Type is { } type) query.Append("&type=").Append(Uri.EscapeDataString(type));
        if (filter?.From is { } from) query.Append("&from=").Append(Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        if (filter?.To is { } to) query.Append("&to=").Append(Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        if (filter?.Node is { } node) query.Append("&node=").Append(node.Value);
        using var response = await http.GetAsync(new Uri(query.ToString(), UriKind.Relative), ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
            throw new CliException(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest ? ExitCodes.Usage : ExitCodes.Unavailable,
                $"{(int)response.StatusCode} from {http.BaseAddress}: {Detail(body)}");
        using var doc = JsonDocument.Parse(body);
        var page = new List<EventEnvelope>();
        foreach (var e in doc.RootElement.GetProperty("events").EnumerateArray())
        {
            var alias = e.GetProperty("type").GetString()!;
            page.Add(new EventEnvelope(
                e.GetProperty("sequence").GetInt64(),
                e.GetProperty("timestamp").GetDateTimeOffset(),
                alias,
                Sha256Hash.Parse(e.GetProperty("prevHash").GetString()!),
                Sha256Hash.Parse(e.GetProperty("hash").GetString()!),
                EventCodec.Decode(alias, Encoding.UTF8.GetBytes(e.GetProperty("data").GetRawText()))));
        }
        var next = doc.RootElement.TryGetProperty("next", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetInt64() : (long?)null;
        return (page, next);
    }

    private static string Detail(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("detail", out var d)) return d.GetString() ?? body;
        }
        catch (JsonException)
        {
            // not a ProblemDetails
        }
        return body.Length <= 300 ? body : body[..300];
    }
}
