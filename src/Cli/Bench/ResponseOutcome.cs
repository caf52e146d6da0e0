using System.Globalization;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Cli.Bench;

/// <summary>
/// What one POST /tsa came back with, as the bench counts it: a granted token, or an error reason
/// (the RFC 3161 status and failInfo when the TSA answered with a TimeStampResp, else the HTTP
/// status). Pure; transport failures are named by the load loop.
/// </summary>
public static class ResponseOutcome
{
    /// <summary>Null when the reply is a granted token over HTTP 200; otherwise the reason to count.</summary>
    public static string? ErrorReason(int httpStatus, ReadOnlyMemory<byte> body, out ReadOnlyMemory<byte>? token)
    {
        token = null;
        if (!TimeStampResponseReader.TryRead(body, out var response, out _))
            return "HTTP " + httpStatus.ToString(CultureInfo.InvariantCulture) + (httpStatus == 200 ? " (not a TimeStampResp)" : "");
        if (response.IsGranted && httpStatus == 200)
        {
            token = response.Token;
            return null;
        }
        var reason = response.StatusName + (response.FailInfo is { } f ? "/" + RfcName(f) : "");
        return httpStatus == 200 ? reason : $"{reason} (HTTP {httpStatus.ToString(CultureInfo.InvariantCulture)})";
    }

    // RFC 3161 spells the PKIFailureInfo bits in camelCase (unacceptedPolicy, systemFailure)
    private static string RfcName(PkiFailureInfo failure)
    {
        var name = failure.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
