using System.Buffers.Binary;
using System.Text;
using CcTsa.Crypto.Common;

namespace CcTsa.Crypto.Nts;

/// <summary>
/// Checks an NTS server response against the request it answers (RFC 8915 §5.6–5.7, RFC 5905):
/// server mode, the origin timestamp and Unique Identifier echoed, an NTS Authenticator that opens
/// with the S2C key over everything before it, no kiss-o'-death, a synchronised server. Any
/// failure is an <see cref="NtsError"/> naming the check; malformed input never throws.
/// </summary>
public static class NtsResponseVerifier
{
    public static Result<NtsResponse, NtsError> Verify(ReadOnlyMemory<byte> packet, NtsRequest request, NtsSessionKeys keys, string server)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        var p = packet.Span;
        if (p.Length < NtsRequest.HeaderSize) return Fail(NtsFailure.MalformedPacket, server, $"{p.Length} bytes, shorter than the 48-byte NTP header");
        var version = (p[0] >> 3) & 7;
        var mode = p[0] & 7;
        if (mode != 4 || version != 4) return Fail(NtsFailure.NotServerResponse, server, $"version {version} mode {mode}, expected NTPv4 server mode (4)");
        if (!p.Slice(24, 8).SequenceEqual(request.TransmitTimestamp)) return Fail(NtsFailure.OriginMismatch, server, "the origin timestamp is not this request's transmit timestamp");

        var fields = NtsExtensionField.TryReadAll(packet[NtsRequest.HeaderSize..], NtsRequest.HeaderSize, out var problem);
        if (fields is null) return Fail(NtsFailure.MalformedPacket, server, problem);
        var uniqueIds = fields.Where(f => f.Type == NtsExtensionField.UniqueIdentifier).ToList();
        if (uniqueIds.Count != 1 || !uniqueIds[0].Value.Span.SequenceEqual(request.UniqueId))
            return Fail(NtsFailure.UniqueIdMismatch, server, uniqueIds.Count == 0 ? "no Unique Identifier" : "the Unique Identifier is not ours");

        var stratum = p[1];
        if (stratum == 0) // a kiss-o'-death cannot be authenticated (NTSN means the cookie was refused), so it only stops this exchange
            return Fail(NtsFailure.KissOfDeath, server, $"kiss code {KissCode(p.Slice(12, 4))}");

        var auth = fields.FirstOrDefault(f => f.Type == NtsExtensionField.Authenticator);
        if (auth.Length == 0) return Fail(NtsFailure.AuthenticationFailed, server, "no NTS Authenticator field");
        var opened = Open(packet, auth, keys, server);
        if (!opened.TryGet(out var plaintext, out var error)) return Result<NtsResponse, NtsError>.Fail(error);
        var inner = NtsExtensionField.TryReadAll(plaintext, 0, out problem);
        if (inner is null) return Fail(NtsFailure.MalformedPacket, server, "encrypted fields: " + problem);

        if ((p[0] >> 6) == 3) return Fail(NtsFailure.Unsynchronised, server, "leap indicator 3 (clock not synchronised)");
        var cookies = inner.Where(f => f.Type == NtsExtensionField.Cookie).Select(f => f.Value.ToArray()).ToList();
        return Result<NtsResponse, NtsError>.Ok(new NtsResponse(NtpTimestamp.Read(p[32..]), NtpTimestamp.Read(p[40..]), stratum, cookies));
    }

    private static Result<byte[], NtsError> Open(ReadOnlyMemory<byte> packet, NtsExtensionField auth, NtsSessionKeys keys, string server)
    {
        var body = auth.Value.Span;
        if (body.Length < 4) return Result<byte[], NtsError>.Fail(new(NtsFailure.MalformedPacket, server, "NTS Authenticator shorter than its length fields"));
        var nonceLength = BinaryPrimitives.ReadUInt16BigEndian(body);
        var cipherLength = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        var cipherAt = 4 + NtsExtensionField.Pad4(nonceLength);
        if (cipherAt + cipherLength > body.Length)
            return Result<byte[], NtsError>.Fail(new(NtsFailure.MalformedPacket, server, $"NTS Authenticator nonce {nonceLength} + ciphertext {cipherLength} bytes overrun its {body.Length}-byte body"));
        var associated = packet[..auth.Offset].ToArray();
        var nonce = body.Slice(4, nonceLength).ToArray();
        return AesSivCmac256.TryDecrypt(keys.ServerToClient, body.Slice(cipherAt, cipherLength), out var plaintext, associated, nonce)
            ? Result<byte[], NtsError>.Ok(plaintext)
            : Result<byte[], NtsError>.Fail(new(NtsFailure.AuthenticationFailed, server, "the NTS Authenticator does not verify with the server-to-client key"));
    }

    private static string KissCode(ReadOnlySpan<byte> refId)
    {
        foreach (var b in refId) if (b is not (0 or (>= 0x20 and < 0x7f))) return Convert.ToHexString(refId);
        return Encoding.ASCII.GetString(refId).TrimEnd('\0');
    }

    private static Result<NtsResponse, NtsError> Fail(NtsFailure failure, string server, string detail) =>
        Result<NtsResponse, NtsError>.Fail(new NtsError(failure, server, detail));
}
