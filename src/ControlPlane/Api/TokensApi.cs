using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Ids;
using CcTsa.ControlPlane.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/tokens?serial=HEX | imprint=HEX [&amp;after=SEQ&amp;limit=N] — the TokenIssued records of
/// matching tokens, paged like /api/events (limit 1..1000, default 100; an audit read), looked up
/// in the live read model's <see cref="TokenIndex"/> (see there why an in-memory index) after a
/// tail read, so tokens another writer appended are found too.
/// </summary>
public static class TokensApi
{
    public sealed record TokenView(long Sequence, string Serial, DateTimeOffset GenTime, string Policy, string ImprintAlgorithm, string Imprint, int Epoch, IReadOnlyList<string> Signers, string TokenSha256);

    public const int DefaultLimit = EventsApi.DefaultLimit;
    public const int MaxLimit = EventsApi.MaxLimit;

    /// <summary>One page: the tokens in log order, and "next" — the "after" of the following page (null on the last), as in /api/events.</summary>
    public sealed record TokenPage(IReadOnlyList<TokenView> Tokens, long? Next);

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens");
        group.MapGet("/", GetAsync).RequireAuditRead();
        return group;
    }

    public static async Task<Results<Ok<TokenPage>, ProblemHttpResult>> GetAsync(LiveProjections live, HttpContext context, string? serial, string? imprint,
        long? after = null, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(context);
        if ((serial is null) == (imprint is null))
            return Bad("give exactly one of serial=HEX or imprint=HEX");
        var wanted = (serial ?? imprint)!.Trim().ToLowerInvariant();
        if (wanted.Length is 0 or > 256 || !wanted.All(Uri.IsHexDigit))
            return Bad("the value must be hexadecimal");
        if (after is < 0) return Bad("after must be ≥ 0");
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return Bad($"limit must be 1..{MaxLimit}");

        await live.CatchUpAsync(context.RequestAborted).ConfigureAwait(false);
        var index = live.Current.Tokens;
        var found = serial is not null ? index.WithSerial(SerialNumber.ParseHex(wanted)) : index.WithImprint(wanted);
        var rows = found.Where(r => r.Sequence > (after ?? 0)).OrderBy(r => r.Sequence).Take(size + 1).ToList();
        var page = rows.Take(size).Select(View).ToList();
        long? next = rows.Count > size ? page[^1].Sequence : null;
        return TypedResults.Ok(new TokenPage(page, next));
    }

    private static ProblemHttpResult Bad(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad query");

    public static TokenView View(TokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var t = record.Token;
        return new TokenView(record.Sequence, t.Serial.ToHex(), t.GenTime, t.Policy, t.ImprintAlgorithm, t.ImprintHex, t.Epoch.Number, [.. t.Signers.Select(n => n.Value)], t.TokenSha256Hex);
    }
}
