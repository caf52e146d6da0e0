using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CcTsa.ControlPlane.Api.Access;

/// <summary>What an API call needs: nothing, an audit-read token (auditor or operator), or the operator token.</summary>
public enum ApiAccess
{
    Public,
    AuditRead,
    Operator,
}

/// <summary>Endpoint metadata naming the <see cref="ApiAccess"/> an endpoint needs (overrides the path rule).</summary>
public sealed record ApiAccessMetadata(ApiAccess Access);

/// <summary>
/// Which calls need which token. An endpoint may say so itself (<see cref="RequireOperator{T}"/>,
/// <see cref="RequireAuditRead{T}"/>, <see cref="AllowPublic{T}"/>); otherwise the path decides, so
/// an endpoint added later is never open by accident: every non-GET call under /api/ is an operator
/// action, every GET under the audit prefixes is an audit read, everything else is public
/// (/tsa, /certs/*, /crl, /api/cluster, /api/policies, /healthz, /readyz, /metrics).
/// </summary>
public static class ApiAccessRules
{
    /// <summary>Read-only paths that reveal the audit log or what was stamped.</summary>
    public static readonly IReadOnlyList<string> AuditPrefixes = ["/api/events", "/api/tokens", "/api/incidents", "/api/audit", "/api/log"];

    public static TBuilder RequireOperator<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccess.Operator));

    public static TBuilder RequireAuditRead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccess.AuditRead));

    public static TBuilder AllowPublic<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiAccessMetadata(ApiAccess.Public));

    /// <summary>The access a request needs: the endpoint's metadata if any, else the path rule.</summary>
    public static ApiAccess Classify(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<ApiAccessMetadata>() is { } declared) return declared.Access;
        return Classify(context.Request.Method, context.Request.Path);
    }

    public static ApiAccess Classify(string method, PathString path)
    {
        if (!path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)) return ApiAccess.Public;
        if (!(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))) return ApiAccess.Operator;
        return AuditPrefixes.Any(p => path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? ApiAccess.AuditRead : ApiAccess.Public;
    }

    /// <summary>True for a loopback listen address (127.0.0.0/8, ::1, localhost): there audit reads stay open.</summary>
    public static bool IsLoopback(string listenAddress)
    {
        ArgumentNullException.ThrowIfNull(listenAddress);
        var host = listenAddress.Trim().Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return System.Net.IPAddress.TryParse(host, out var ip) && System.Net.IPAddress.IsLoopback(ip);
    }
}
