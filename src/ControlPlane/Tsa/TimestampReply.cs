using Microsoft.AspNetCore.Http;

namespace CcTsa.ControlPlane.Tsa;

/// <summary>
/// An application/timestamp-reply body with its status: 200 for granted and rejected requests
/// (RFC 3161 §3.4), 503 with a rejection body when the signers cannot sign now.
/// </summary>
internal sealed class TimestampReply(int statusCode, byte[] body) : IResult
{
    public const string MediaType = "application/timestamp-reply";

    /// <summary>Seconds a client should wait before retrying after a 503.</summary>
    private const string RetryAfterSeconds = "5";

    public int StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = MediaType;
        response.ContentLength = body.Length;
        if (statusCode == StatusCodes.Status503ServiceUnavailable)
            response.Headers.RetryAfter = RetryAfterSeconds;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
