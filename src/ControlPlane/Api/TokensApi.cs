using CcTsa.ControlPlane.EventStore;
using CcTsa.Contracts.Events.Issuance;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>GET /api/tokens?serial=HEX | imprint=HEX — the TokenIssued records of matching tokens.</summary>
public static class TokensApi
{
    public sealed record TokenView(long Sequence, string Serial, DateTimeOffset GenTime, string Policy, string ImprintAlgorithm, string Imprint, int Epoch, IReadOnlyList<string> Signers, string TokenSha256);

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens");
        group.MapGet("/", GetAsync);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<TokenView>>, ProblemHttpResult>> GetAsync(IEventLog log, HttpContext context, string? serial, string? imprint)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(context);
        if ((serial is null) == (imprint is null))
            return TypedResults.Problem("give exactly one of serial=HEX or imprint=HEX", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
        var wanted = (serial ?? imprint)!.Trim().ToLowerInvariant();
        if (wanted.Length is 0 or > 256 || !wanted.All(Uri.IsHexDigit))
            return TypedResults.Problem("the value must be hexadecimal", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
        if (serial is not null) wanted = wanted.TrimStart('0') is { Length: > 0 } s ? s : "0";

        var found = new List<TokenView>();
        var filter = new EventFilter(Type: EventCodec.AliasOf(typeof(TokenIssued)));
        long cursor = 0;
        while (true)
        {
            var page = await log.ReadAsync(cursor, 1000, filter, context.RequestAborted).ConfigureAwait(false);
            if (page.Count == 0) break;
            cursor = page[^1].Sequence;
            foreach (var e in page)
            {
                if (e.Data is not TokenIssued t) continue;
                var match = serial is not null
                    ? string.Equals(t.Serial.ToHex(), wanted, StringComparison.Ordinal)
                    : string.Equals(t.ImprintHex, wanted, StringComparison.OrdinalIgnoreCase);
                if (match)
                    found.Add(new TokenView(e.Sequence, t.Serial.ToHex(), t.GenTime, t.Policy, t.ImprintAlgorithm, t.ImprintHex, t.Epoch.Number, [.. t.Signers.Select(n => n.Value)], t.TokenSha256Hex));
            }
        }
        return TypedResults.Ok<IReadOnlyList<TokenView>>(found);
    }
}
