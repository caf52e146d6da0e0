using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CcTsa.ControlPlane.Api.Access;

/// <summary>How the gate is set up: the two tokens, and whether audit reads are open (listening on loopback only).</summary>
public sealed record ApiAccessOptions(ApiCredentials Credentials, bool AuditReadsOpen);

/// <summary>
/// The middleware in front of every endpoint (after routing, so endpoint metadata is known):
/// operator actions need <c>Authorization: Bearer &lt;operator token&gt;</c>; audit reads need the
/// auditor or operator token unless the control plane listens on loopback only. No token → 401,
/// a token that does not grant the call → 403, both ProblemDetails; each refusal is counted and
/// recorded (<see cref="AccessRefusals"/>). An operator action with a body that is not JSON → 415,
/// so neither an HTML form nor a "simple" cross-site request can carry one.
/// </summary>
public sealed class ApiAccessGate(ApiAccessOptions options, AccessRefusals refusals)
{
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var access = ApiAccessRules.Classify(context);
        if (access == ApiAccess.Public || (access == ApiAccess.AuditRead && options.AuditReadsOpen))
        {
            await next(context).ConfigureAwait(false);
            return;
        }
        var presented = BearerToken(context.Request);
        if (presented is null)
        {
            await RefuseAsync(context, access, StatusCodes.Status401Unauthorized, "no bearer token",
                $"this call needs Authorization: Bearer <{(access == ApiAccess.Operator ? "operator" : "auditor or operator")} token>").ConfigureAwait(false);
            return;
        }
        var role = options.Credentials.RoleOf(presented);
        var granted = access == ApiAccess.Operator ? role == ApiRole.Operator : role != ApiRole.None;
        if (!granted)
        {
            var reason = role == ApiRole.Auditor ? "auditor token for an operator action" : "wrong token";
            await RefuseAsync(context, access, StatusCodes.Status403Forbidden, reason,
                role == ApiRole.Auditor ? "the auditor token only reads; this call needs the operator token" : "the bearer token is not valid for this control plane").ConfigureAwait(false);
            return;
        }
        if (access == ApiAccess.Operator && !JsonOrNoBody(context.Request))
        {
            await TypedResults.Problem("operator actions accept only application/json bodies", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header; null when absent, another scheme, or empty.</summary>
    public static string? BearerToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var values = request.Headers.Authorization;
        if (values.Count != 1 || !System.Net.Http.Headers.AuthenticationHeaderValue.TryParse(values[0], out var header)) return null;
        if (!string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase)) return null;
        return string.IsNullOrWhiteSpace(header.Parameter) ? null : header.Parameter.Trim();
    }

    private static bool JsonOrNoBody(HttpRequest request)
    {
        var hasBody = request.ContentLength is > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);
        if (string.IsNullOrEmpty(request.ContentType)) return !hasBody;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media)) return false;
        var type = media.MediaType.Value ?? "";
        return string.Equals(type, "application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
    }

    private async Task RefuseAsync(HttpContext context, ApiAccess access, int status, string reason, string detail)
    {
        var source = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        await refusals.RecordAsync(source, context.Request.Method, context.Request.Path.Value ?? "/", status, access, reason, context.RequestAborted).ConfigureAwait(false);
        if (status == StatusCodes.Status401Unauthorized) context.Response.Headers.WWWAuthenticate = "Bearer";
        await TypedResults.Problem(detail, statusCode: status, title: status == StatusCodes.Status401Unauthorized ? "Unauthorized" : "Forbidden")
            .ExecuteAsync(context).ConfigureAwait(false);
    }
}

/// <summary>Wires the gate into the pipeline.</summary>
public static class ApiAccessGateExtensions
{
    public static IApplicationBuilder UseApiAccessGate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var gate = app.ApplicationServices.GetRequiredService<ApiAccessGate>();
        return app.Use(next => context => gate.InvokeAsync(context, next));
    }
}
