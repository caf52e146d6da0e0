using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// Every 4xx of the API carries a ProblemDetails body with a detail. Minimal-API binding failures
/// (a query value that is not a number, an out-of-range number, malformed JSON) used to end as an
/// empty 400: the framework sets the status and returns without a body unless
/// <see cref="RouteHandlerOptions.ThrowOnBadRequest"/> is on. With it on, the framework throws a
/// <see cref="BadHttpRequestException"/> whose message names the parameter, and this middleware turns
/// it into a ProblemDetails; any other error status left without a body (404 of an unknown path,
/// 405) gets one from the status-code pages.
/// </summary>
public static class BadRequestProblems
{
    private const int MaxDetail = 300;

    public static IServiceCollection AddBadRequestProblems(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    public static IApplicationBuilder UseBadRequestProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // only under /api: /tsa answers RFC 3161 clients, which expect its own bodies (or none)
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (!context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return;
            var code = context.Response.StatusCode;
            await TypedResults.Problem(code == StatusCodes.Status404NotFound ? $"no such resource: {Clip(context.Request.Path.Value ?? "/")}" : $"HTTP {code} for {context.Request.Method} {Clip(context.Request.Path.Value ?? "/")}",
                statusCode: code).ExecuteAsync(context).ConfigureAwait(false);
        });
        return app.Use(next => async context =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                await TypedResults.Problem(Detail(e), statusCode: e.StatusCode, title: e.StatusCode == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type" : "Bad request")
                    .ExecuteAsync(context).ConfigureAwait(false);
            }
        });
    }

    private static string Clip(string s) => s.Length <= 128 ? s : s[..128] + "…";

    /// <summary>The framework's message names the parameter and echoes the value; clipped so a long value is not reflected whole.</summary>
    private static string Detail(BadHttpRequestException e)
    {
        var message = e.InnerException is System.Text.Json.JsonException json
            ? e.Message + " " + json.Message
            : e.Message;
        return message.Length <= MaxDetail ? message : message[..MaxDetail] + "…";
    }
}
