using System.Buffers.Binary;
using System.Text;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// Parses the records an NTS-KE server sends (RFC 8915 §4) up to End of Message. Every malformed or
/// unacceptable record is a specific <see cref="NtsError"/>; nothing here throws on peer input.
/// </summary>
public static class NtsKeResponseParser
{
    private static readonly string[] ErrorCodes = ["Unrecognized Critical Record", "Bad Request", "Internal Server Error"];

    /// <summary>
    /// Parses a complete response. <paramref name="complete"/> false means the stream may still
    /// deliver bytes: an unfinished message then returns null instead of an error.
    /// </summary>
    public static Result<NtsKeResponse, NtsError>? Parse(ReadOnlySpan<byte> input, string server, bool complete = true)
    {
        var cookies = new List<byte[]>();
        bool sawProtocol = false, sawAead = false;
        string? ntpServer = null;
        int? ntpPort = null;
        while (true)
        {
            var record = NtsKeRecord.TryRead(input, out var consumed);
            if (record is null)
            {
                if (!complete) return null;
                return input.Length == 0
                    ? Fail(NtsFailure.MissingEndOfMessage, server, "the records ended without End of Message")
                    : Fail(NtsFailure.MalformedRecord, server, $"a record is cut short ({input.Length} trailing bytes)");
            }
            input = input[consumed..];
            var body = record.Body.Span;
            switch ((NtsKeRecordType)record.Type)
            {
                case NtsKeRecordType.EndOfMessage:
                    if (body.Length != 0) return Fail(NtsFailure.MalformedRecord, server, $"End of Message has a {body.Length}-byte body");
                    if (!sawProtocol) return Fail(NtsFailure.NoCommonProtocol, server, "no Next Protocol record");
                    if (!sawAead) return Fail(NtsFailure.NoCommonAead, server, "no AEAD Algorithm record");
                    if (cookies.Count == 0) return Fail(NtsFailure.NoCookies, server, "no New Cookie record");
                    return Result<NtsKeResponse, NtsError>.Ok(new NtsKeResponse(cookies, ntpServer, ntpPort));
                case NtsKeRecordType.NextProtocol:
                    if (body.Length % 2 != 0) return Fail(NtsFailure.MalformedRecord, server, $"Next Protocol body of odd length {body.Length}");
                    if (body.Length != 2 || BinaryPrimitives.ReadUInt16BigEndian(body) != NtsKeRequest.NtpV4ProtocolId)
                        return Fail(NtsFailure.NoCommonProtocol, server, $"server chose {Ids(body)}, not NTPv4 (0) alone");
                    sawProtocol = true;
                    break;
                case NtsKeRecordType.Error:
                    if (body.Length != 2) return Fail(NtsFailure.MalformedRecord, server, $"Error record body of {body.Length} bytes");
                    var code = BinaryPrimitives.ReadUInt16BigEndian(body);
                    return Fail(NtsFailure.ServerError, server, $"error {code} ({(code < ErrorCodes.Length ? ErrorCodes[code] : "unassigned")})");
                case NtsKeRecordType.Warning:
                    if (body.Length != 2) return Fail(NtsFailure.MalformedRecord, server, $"Warning record body of {body.Length} bytes");
                    return Fail(NtsFailure.ServerWarning, server, $"warning {BinaryPrimitives.ReadUInt16BigEndian(body)}");
                case NtsKeRecordType.AeadAlgorithm:
                    if (body.Length % 2 != 0) return Fail(NtsFailure.MalformedRecord, server, $"AEAD Algorithm body of odd length {body.Length}");
                    if (body.Length != 2 || BinaryPrimitives.ReadUInt16BigEndian(body) != AesSivCmac256.AeadId)
                        return Fail(NtsFailure.NoCommonAead, server, $"server chose {Ids(body)}, not AEAD_AES_SIV_CMAC_256 (15)");
                    sawAead = true;
                    break;
                case NtsKeRecordType.NewCookie:
                    if (body.Length == 0) return Fail(NtsFailure.MalformedRecord, server, "empty New Cookie record");
                    cookies.Add(body.ToArray());
                    break;
                case NtsKeRecordType.Server:
                    if (body.Length == 0 || !IsAscii(body)) return Fail(NtsFailure.MalformedRecord, server, "Server Negotiation is empty or not ASCII");
                    ntpServer = Encoding.ASCII.GetString(body);
                    break;
                case NtsKeRecordType.Port:
                    if (body.Length != 2) return Fail(NtsFailure.MalformedRecord, server, $"Port Negotiation body of {body.Length} bytes");
                    ntpPort = BinaryPrimitives.ReadUInt16BigEndian(body);
                    if (ntpPort == 0) return Fail(NtsFailure.MalformedRecord, server, "Port Negotiation names port 0");
                    break;
                default:
                    if (record.Critical) return Fail(NtsFailure.UnknownCriticalRecord, server, $"critical record of unknown type {record.Type}");
                    break; // non-critical unknown records are ignored (§4)
            }
        }
    }

    private static bool IsAscii(ReadOnlySpan<byte> body)
    {
        foreach (var b in body) if (b is < 0x21 or > 0x7e) return false;
        return true;
    }

    private static string Ids(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0) return "nothing";
        var ids = new List<string>();
        for (var i = 0; i + 1 < body.Length; i += 2) ids.Add(BinaryPrimitives.ReadUInt16BigEndian(body[i..]).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return string.Join(",", ids);
    }

    private static Result<NtsKeResponse, NtsError> Fail(NtsFailure failure, string server, string detail) =>
        Result<NtsKeResponse, NtsError>.Fail(new NtsError(failure, server, detail));
}
