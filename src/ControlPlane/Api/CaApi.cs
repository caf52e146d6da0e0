using System.Globalization;
using CcTsa.ControlPlane.Api.Access;
using CcTsa.ControlPlane.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace CcTsa.ControlPlane.Api;

/// <summary>
/// External-CA flow on a running control plane: `POST /api/ca/import` installs the certificate an
/// external CA issued for the pending CSR (the same checks as `cctsa ca import`, done by the
/// control plane that owns the log, so no second writer touches it). An operator action.
/// </summary>
public static class CaApi
{
    public sealed record ImportRequest(string? CertificatePem);

    public sealed record Imported(int Epoch, string Serial, DateTimeOffset NotAfter);

    public static RouteGroupBuilder MapCaApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/ca");
        group.MapPost("/import", ImportAsync).DisableAntiforgery().RequireOperator();
        return group;
    }

    public static async Task<Results<Ok<Imported>, ProblemHttpResult>> ImportAsync(ImportRequest? request, CertificateInstaller installer, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.CertificatePem))
            return TypedResults.Problem("certificatePem is required: the issued certificate (PEM), optionally followed by its chain",
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request");
        var result = await installer.ImportAsync(request.CertificatePem, ct).ConfigureAwait(false);
        if (!result.TryGet(out var installed, out var refused))
            return TypedResults.Problem($"Refused ({refused.Failure}): {refused.Message}", statusCode: StatusCodes.Status400BadRequest,
                title: "Certificate refused");
        return TypedResults.Ok(new Imported(installed.Epoch.Number, Convert.ToHexStringLower(installed.Certificate.SerialNumber.AsSpan()),
            installed.Certificate.NotAfter));
    }
}
