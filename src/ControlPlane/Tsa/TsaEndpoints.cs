using System.Buffers;
using System.Globalization;
using CcTsa.ControlPlane.Pki;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// HTTP face of the TSA: POST /tsa (RFC 3161 §3.4 over HTTP) and the public PKI material a
/// verifier needs (CA and TSA certificates, CRL; /certs/tsa.pem is the FROST key's, each policy's
/// under /certs/policies/{name}/). Bad input is always an RFC 3161 rejection or a
/// 4xx, never a 500; a client that leaves early is logged as 499, not as an error.
/// </summary>
public static class TsaEndpoints
{
    public const string QueryMediaType = "application/timestamp-query";
    private const string PemMediaType = "application/x-pem-file";
    private const string CrlMediaType = "application/pkix-crl";
    private const int ClientClosedRequest = 499;

    public static IEndpointRouteBuilder MapTsa(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/tsa", PostAsync).DisableAntiforgery();
        app.MapGet("/certs/ca.pem", (CertificateService certs) => Pem(certs.CaPem()));
        app.MapGet("/certs/tsa.pem", (CertificateService certs) => Pem(certs.CurrentTsaPem()));
        app.MapGet("/certs/epochs/{n:int}.pem", (int n, CertificateService certs) => Pem(certs.EpochPem(n)));
        // one certificate per policy and epoch (issue 15): /certs/policies/ecdsa-p384/tsa.pem, …/epochs/3.pem
        app.MapGet("/certs/policies/{name}/tsa.pem", (string name, CertificateService certs) =>
            CcTsa.Crypto.Pki.TsaPolicies.ByName(name) is { } p && certs.CurrentEpoch() is { } n ? Pem(certs.EpochPem(n, p.Scheme)) : Results.NotFound());
        app.MapGet("/certs/policies/{name}/epochs/{n:int}.pem", (string name, int n, CertificateService certs) =>
            CcTsa.Crypto.Pki.TsaPolicies.ByName(name) is { } p ? Pem(certs.EpochPem(n, p.Scheme)) : Results.NotFound());
        app.MapGet("/crl", (CertificateService certs) =>
            certs.CrlDer() is { } crl ? Results.Bytes(crl, CrlMediaType) : Results.NotFound());
        return app;
    }

    private static IResult Pem(string? pem) => pem is null ? Results.NotFound() : Results.Text(pem, PemMediaType);

    private static async Task<IResult> PostAsync(HttpContext context, TimestampFront front, TsaFrontOptions options, ILogger<TimestampFront> logger)
    {
        var request = context.Request;
        if (!IsTimestampQuery(request.ContentType))
            return Refuse(logger, StatusCodes.Status415UnsupportedMediaType, "content type is not " + QueryMediaType);
        if (request.ContentLength > options.MaxRequestBytes)
            return Refuse(logger, StatusCodes.Status413PayloadTooLarge, "declared body larger than " + options.MaxRequestBytes.ToString(CultureInfo.InvariantCulture) + " bytes");

        byte[] rented = ArrayPool<byte>.Shared.Rent(options.MaxRequestBytes + 1);
        try
        {
            int length;
            try
            {
                length = await ReadCappedAsync(request.Body, rented, options.MaxRequestBytes + 1, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsClientGone(ex, context))
            {
                TsaLog.ClientGone(logger);
                return Results.StatusCode(ClientClosedRequest);
            }
            catch (BadHttpRequestException ex)
            {
                // Kestrel's own framing errors (truncated chunked body, body timeout): the client's fault
                return Refuse(logger, ex.StatusCode, "malformed HTTP request body");
            }
            if (length > options.MaxRequestBytes)
                return Refuse(logger, StatusCodes.Status413PayloadTooLarge, "body larger than " + options.MaxRequestBytes.ToString(CultureInfo.InvariantCulture) + " bytes");

            var der = rented.AsSpan(0, length).ToArray();
            try
            {
                var reply = await front.HandleAsync(Guid.NewGuid(), der, context.RequestAborted).ConfigureAwait(false);
                if (reply.TryGet(out var token, out var refusal)) return new TimestampReply(StatusCodes.Status200OK, token.ResponseDer);
                return new TimestampReply(refusal.Unavailable ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK, refusal.Response);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                TsaLog.ClientGone(logger);
                return Results.StatusCode(ClientClosedRequest);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static bool IsTimestampQuery(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && string.Equals(parsed.MediaType.Value, QueryMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads at most <paramref name="cap"/> bytes; a result equal to the cap means "too large".</summary>
    private static async Task<int> ReadCappedAsync(Stream body, byte[] buffer, int cap, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < cap)
        {
            var read = await body.ReadAsync(buffer.AsMemory(total, cap - total), cancellationToken).ConfigureAwait(false);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    private static bool IsClientGone(Exception ex, HttpContext context) =>
        context.RequestAborted.IsCancellationRequested
        && ex is OperationCanceledException or IOException or ConnectionResetException;

    private static IResult Refuse(ILogger logger, int status, string reason)
    {
        TsaLog.HttpRefused(logger, status, reason);
        return Results.StatusCode(status);
    }
}
