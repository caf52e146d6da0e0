using System.Buffers.Binary;
using CcTsa.Crypto.Nts;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Nts;

/// <summary>
/// The NTS NTPv4 request and the response checks (RFC 8915 §5), with a server written here from the
/// RFC: it answers with the Unique Identifier echoed and a fresh cookie sealed under the S2C key.
/// </summary>
public sealed class NtsPacketTests
{
    private static readonly byte[] C2S = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
    private static readonly byte[] S2C = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
    private static readonly DateTimeOffset T2 = new(2026, 12, 7, 1, 2, 3, 456, TimeSpan.Zero);

    private static NtsSessionKeys Keys() => new((byte[])C2S.Clone(), (byte[])S2C.Clone());

    private static void Counter(Span<byte> s) { for (var i = 0; i < s.Length; i++) s[i] = (byte)(i + s.Length); }

    private static NtsRequest Request() => NtsRequest.Build(Keys(), [7, 7, 7, 7, 7, 7, 7, 7], Counter);

    private static byte[] Respond(NtsRequest request, byte[]? s2c = null, byte stratum = 1, byte firstByte = 0x24)
    {
        var packet = new List<byte>();
        var header = new byte[48];
        header[0] = firstByte;
        header[1] = stratum;
        if (stratum == 0) "NTSN"u8.CopyTo(header.AsSpan(12));
        request.TransmitTimestamp.CopyTo(header, 24);
        NtpTimestamp.Write(T2, header.AsSpan(32));
        NtpTimestamp.Write(T2 + TimeSpan.FromMilliseconds(1), header.AsSpan(40));
        packet.AddRange(header);
        NtsExtensionField.Append(packet, NtsExtensionField.UniqueIdentifier, request.UniqueId);
        var inner = new List<byte>();
        NtsExtensionField.Append(inner, NtsExtensionField.Cookie, [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
        var nonce = new byte[16];
        Counter(nonce);
        var sealedData = AesSivCmac256.Encrypt(s2c ?? S2C, inner.ToArray(), packet.ToArray(), nonce);
        var body = new byte[4 + 16 + sealedData.Length];
        BinaryPrimitives.WriteUInt16BigEndian(body, 16);
        BinaryPrimitives.WriteUInt16BigEndian(body.AsSpan(2), (ushort)sealedData.Length);
        nonce.CopyTo(body, 4);
        sealedData.CopyTo(body, 20);
        NtsExtensionField.Append(packet, NtsExtensionField.Authenticator, body);
        return [.. packet];
    }

    private static NtsFailure FailureOf(byte[] response, NtsRequest request) =>
        NtsResponseVerifier.Verify(response, request, Keys(), "s").TryGet(out _, out var e) ? throw new Xunit.Sdk.XunitException("accepted") : e.Failure;

    [Fact]
    public void TheRequestIsAClientModeNtpv4PacketSealedUnderTheC2SKey()
    {
        var request = Request();
        var p = request.Packet;
        Assert.Equal(0x23, p[0]);
        Assert.Equal(request.TransmitTimestamp, p[40..48]);
        var fields = NtsExtensionField.TryReadAll(p.AsMemory(48), 48, out _)!;
        Assert.Equal([NtsExtensionField.UniqueIdentifier, NtsExtensionField.Cookie, NtsExtensionField.Authenticator], fields.Select(f => f.Type));
        Assert.Equal(request.UniqueId, fields[0].Value.ToArray());
        var auth = fields[2].Value.Span;
        Assert.True(AesSivCmac256.TryDecrypt(C2S, auth.Slice(20, 16), out var plain, p[..fields[2].Offset], auth.Slice(4, 16).ToArray()));
        Assert.Empty(plain);
    }

    [Fact]
    public void AGoodResponseGivesTheServerTimesAndTheNewCookie()
    {
        var request = Request();
        var response = NtsResponseVerifier.Verify(Respond(request), request, Keys(), "s").Value;
        Assert.Equal(T2, response.Receive, TimeSpan.FromMicroseconds(1));
        Assert.Equal(T2 + TimeSpan.FromMilliseconds(1), response.Transmit, TimeSpan.FromMicroseconds(1));
        Assert.Equal(1, response.Stratum);
        Assert.Equal([9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9], Assert.Single(response.NewCookies));
    }

    [Fact]
    public void EachCheckRefusesByName()
    {
        var request = Request();
        Assert.Equal(NtsFailure.AuthenticationFailed, FailureOf(Respond(request, s2c: C2S), request));
        Assert.Equal(NtsFailure.KissOfDeath, FailureOf(Respond(request, stratum: 0), request));
        Assert.Equal(NtsFailure.Unsynchronised, FailureOf(Respond(request, firstByte: 0xe4), request));
        Assert.Equal(NtsFailure.NotServerResponse, FailureOf(Respond(request, firstByte: 0x23), request));
        Assert.Equal(NtsFailure.UniqueIdMismatch, FailureOf(Respond(Request() with { UniqueId = new byte[32] }), request));
        Assert.Equal(NtsFailure.OriginMismatch, FailureOf(Respond(Request() with { TransmitTimestamp = new byte[8] }), request));
        Assert.Equal(NtsFailure.MalformedPacket, FailureOf(new byte[47], request));
        Assert.Equal(NtsFailure.MalformedPacket, FailureOf([.. Respond(request), 0, 0], request));
        var noAuth = Respond(request)[..(48 + 36)];
        Assert.Equal(NtsFailure.AuthenticationFailed, FailureOf(noAuth, request));
    }

    [Fact]
    public void EveryFlippedBitOfAGoodResponseIsRefused()
    {
        var request = Request();
        var good = Respond(request);
        for (var bit = 0; bit < good.Length * 8; bit++)
        {
            var tampered = (byte[])good.Clone();
            tampered[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(NtsResponseVerifier.Verify(tampered, request, Keys(), "s").IsOk, $"bit {bit} flipped was accepted");
        }
    }

    [Property(MaxTest = 500)]
    public void RandomPacketsGiveAnErrorNeverAnException(byte[] bytes)
    {
        var request = Request();
        var withHeader = Respond(request)[..48].Concat(bytes ?? []).ToArray();
        Assert.False(NtsResponseVerifier.Verify(bytes ?? [], request, Keys(), "s").IsOk);
        Assert.False(NtsResponseVerifier.Verify(withHeader, request, Keys(), "s").IsOk);
    }

    [Fact]
    public void NtpTimestampsRoundTripInBothEras()
    {
        Span<byte> buffer = stackalloc byte[8];
        foreach (var t in new[] { T2, new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero) })
        {
            NtpTimestamp.Write(t, buffer);
            Assert.Equal(t, NtpTimestamp.Read(buffer), TimeSpan.FromMicroseconds(1));
        }
    }
}
