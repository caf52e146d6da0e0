using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.TransparencyLog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// The transparency log over HTTP (docs/TRANSPARENCY-LOG.md; audit reads, like /api/events):
/// GET /api/log/head, /api/log/proof/inclusion?serial=HEX|sequence=N[&amp;size=M],
/// /api/log/proof/consistency?from=M&amp;to=N, /api/log/entries?start=&amp;end= (0-based leaf
/// indices, inclusive, at most 1,000). Base64 values are standard base64 of the raw bytes.
/// </summary>
public static class LogApi
{
    public const int MaxEntries = 1000;

    public sealed record HeadView(long TreeSize, string RootHash, DateTimeOffset Timestamp, string Token);

    public sealed record InclusionView(long LeafIndex, long TreeSize, string Entry, IReadOnlyList<string> AuditPath);

    public sealed record ConsistencyView(long From, long To, IReadOnlyList<string> Proof);

    public sealed record EntriesView(IReadOnlyList<string> Entries);

    public static RouteGroupBuilder MapLogApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/log");
        group.MapGet("/head", HeadAsync).RequireAuditRead();
        group.MapGet("/proof/inclusion", InclusionAsync).RequireAuditRead();
        group.MapGet("/proof/consistency", ConsistencyAsync).RequireAuditRead();
        group.MapGet("/entries", EntriesAsync).RequireAuditRead();
        return group;
    }

    public static async Task<Results<Ok<HeadView>, ProblemHttpResult>> HeadAsync(LiveProjections live, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(context);
        await live.CatchUpAsync(context.RequestAborted).ConfigureAwait(false);
        if (live.Current.LogHead is not { } head) return NoHead();
        return TypedResults.Ok(new HeadView(head.TreeSize, B64(Sha256Hash.Parse(head.RootHashHex)), head.Timestamp, head.TokenBase64));
    }

    public static async Task<Results<Ok<InclusionView>, ProblemHttpResult>> InclusionAsync(LiveProjections live, LogTreeReader reader, HttpContext context,
        string? serial, long? sequence, long? size)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        if ((serial is null) == (sequence is null)) return Bad("give exactly one of serial=HEX or sequence=N");
        await live.CatchUpAsync(ct).ConfigureAwait(false);
        long seq;
        if (serial is not null)
        {
            var hex = serial.Trim().ToLowerInvariant();
            if (hex.Length is 0 or > 256 || !hex.All(Uri.IsHexDigit)) return Bad("serial must be hexadecimal");
            var found = live.Current.Tokens.WithSerial(SerialNumber.ParseHex(hex));
            if (found.Count == 0) return TypedResults.Problem($"no token with serial {hex} is in the log", statusCode: StatusCodes.Status404NotFound, title: "Unknown serial");
            seq = found.Min(r => r.Sequence);
        }
        else seq = sequence!.Value;
        if (seq < 1) return Bad("sequence must be ≥ 1");
        var treeSize = await reader.SizeAsync(ct).ConfigureAwait(false);
        if (size is null && live.Current.LogHead is null) return NoHead();
        var m = size ?? live.Current.LogHead!.TreeSize;
        if (m < 1 || m > treeSize) return Bad($"size must be 1..{treeSize} (the current tree size)");
        if (seq > m) return Bad($"the event at sequence {seq} is not in the tree of size {m}: wait for a later head or give a larger size");
        var index = LogEntry.LeafIndexOf(seq);
        var (path, entry) = await reader.InclusionWithEntryAsync(index, m, ct).ConfigureAwait(false);
        return TypedResults.Ok(new InclusionView(index, m, Convert.ToBase64String(entry), [.. path.Select(B64)]));
    }

    public static async Task<Results<Ok<ConsistencyView>, ProblemHttpResult>> ConsistencyAsync(LogTreeReader reader, HttpContext context, long? from, long? to)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        if (from is null || to is null) return Bad("give both from=M and to=N (tree sizes)");
        var treeSize = await reader.SizeAsync(context.RequestAborted).ConfigureAwait(false);
        if (from < 1 || from > to || to > treeSize) return Bad($"need 1 ≤ from ≤ to ≤ {treeSize} (the current tree size), got from={from}, to={to}");
        var proof = await reader.ConsistencyAsync(from.Value, to.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new ConsistencyView(from.Value, to.Value, [.. proof.Select(B64)]));
    }

    public static async Task<Results<Ok<EntriesView>, ProblemHttpResult>> EntriesAsync(LogTreeReader reader, HttpContext context, long? start, long? end)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(context);
        if (start is null || end is null) return Bad("give start= and end= (0-based leaf indices, inclusive)");
        var treeSize = await reader.SizeAsync(context.RequestAborted).ConfigureAwait(false);
        if (start < 0 || end < start || end >= treeSize) return Bad($"need 0 ≤ start ≤ end < {treeSize} (the current tree size), got start={start}, end={end}");
        if (end - start + 1 > MaxEntries) return Bad($"at most {MaxEntries} entries per call (end - start + 1 ≤ {MaxEntries})");
        var entries = await reader.EntriesAsync(start.Value, end.Value, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(new EntriesView([.. entries.Select(Convert.ToBase64String)]));
    }

    private static string B64(Sha256Hash h) => Convert.ToBase64String(h.ToArray());

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad query");

    private static ProblemHttpResult NoHead() =>
        TypedResults.Problem("no tree head has been signed yet (heads are signed every few seconds once the log grows)", statusCode: StatusCodes.Status404NotFound, title: "No signed head");
}
