using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// GET /dashboard (the page) and GET /dashboard/{file} (its script, styles and the vendored uPlot),
/// all embedded resources of this assembly (Dashboard/Assets): the page needs no file on disk and no
/// network beyond this control plane. The Content-Security-Policy keeps it that way in the browser:
/// scripts, styles and connections only from this origin.
/// </summary>
public static class DashboardAssets
{
    private const string Prefix = "dashboard/";

    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly IReadOnlyDictionary<string, string> Types = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/dashboard", (HttpContext context) => Serve(context, "index.html"));
        app.MapGet("/dashboard/{**file}", (string file, HttpContext context) => Serve(context, file));
        return app;
    }

    /// <summary>The embedded asset at <paramref name="file"/> (e.g. "vendor/uplot/uPlot.iife.min.js"), or null.</summary>
    public static Stream? Open(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return typeof(DashboardAssets).Assembly.GetManifestResourceStream(Prefix + file);
    }

    /// <summary>Every embedded asset path (for tests and the README's list).</summary>
    public static IReadOnlyList<string> Files() =>
        [.. typeof(DashboardAssets).Assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).Select(n => n[Prefix.Length..])];

    private static IResult Serve(HttpContext context, string file)
    {
        var type = Types.GetValueOrDefault(Path.GetExtension(file));
        var stream = type is null ? null : Open(file);
        if (stream is null)
            return TypedResults.Problem($"no dashboard file '{Clip(file)}'", statusCode: StatusCodes.Status404NotFound, title: "Not found");
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy;
        headers.XContentTypeOptions = "nosniff";
        // the assets change only with the binary; a reload after an upgrade must not mix versions
        headers.CacheControl = "no-cache";
        return TypedResults.Stream(stream, type);
    }

    private static string Clip(string s) => s.Length <= 64 ? s : s[..64] + "…";
}
