using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// GET /api/tokens?serial=HEX | imprint=HEX — the TokenIssued records of matching tokens, looked up
/// in the live read model's <see cref="TokenIndex"/> (see there why an in-memory index) after a
/// tail read, so tokens another writer appended are found too.
/// </summary>
public static class TokensApi
{
    public sealed record TokenView(long Sequence, string Serial, DateTimeOffset GenTime, string Policy, string ImprintAlgorithm, string Imprint, int Epoch, IReadOnlyList<string> Signers, string TokenSha256);

    public static RouteGroupBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/tokens");
        group.MapGet("/", GetAsync);
        return group;
    }

    public static async Task<Results<Ok<IReadOnlyList<TokenView>>, ProblemHttpResult>> GetAsync(LiveProjections live, HttpContext context, string? serial, string? imprint)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(context);
        if ((serial is null) == (imprint is null))
            return TypedResults.Problem("give exactly one of serial=HEX or imprint=HEX", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");
        var wanted = (serial ?? imprint)!.Trim().ToLowerInvariant();
        if (wanted.Length is 0 or > 256 || !wanted.All(Uri.IsHexDigit))
            return TypedResults.Problem("the value must be hexadecimal", statusCode: StatusCodes.Status400BadRequest, title: "Bad query");

        await live.CatchUpAsync(context.RequestAborted).ConfigureAwait(false);
        var index = live.Current.Tokens;
        var found = serial is not null ? index.WithSerial(SerialNumber.ParseHex(wanted)) : index.WithImprint(wanted);
        return TypedResults.Ok<IReadOnlyList<TokenView>>([.. found.Select(View)]);
    }

    public static TokenView View(TokenRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var t = record.Token;
        return new TokenView(record.Sequence, t.Serial.ToHex(), t.GenTime, t.Policy, t.ImprintAlgorithm, t.ImprintHex, t.Epoch.Number, [.. t.Signers.Select(n => n.Value)], t.TokenSha256Hex);
    }
}
