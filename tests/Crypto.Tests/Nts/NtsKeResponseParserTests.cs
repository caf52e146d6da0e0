using CcTsa.Crypto.Nts;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Nts;

/// <summary>NTS-KE records (RFC 8915 §4): a good response, each refusal by name, and random input.</summary>
public sealed class NtsKeResponseParserTests
{
    private static byte[] Records(params NtsKeRecord[] records)
    {
        var output = new byte[records.Sum(r => r.EncodedLength)];
        var at = 0;
        foreach (var r in records) { r.WriteTo(output.AsSpan(at)); at += r.EncodedLength; }
        return output;
    }

    private static NtsKeRecord Rec(NtsKeRecordType type, byte[] body, bool critical = false) => new(critical, (ushort)type, body);

    private static readonly NtsKeRecord Protocol = NtsKeRecord.Of(NtsKeRecordType.NextProtocol, true, 0);
    private static readonly NtsKeRecord Aead = NtsKeRecord.Of(NtsKeRecordType.AeadAlgorithm, false, 15);
    private static readonly NtsKeRecord Cookie = Rec(NtsKeRecordType.NewCookie, [1, 2, 3, 4, 5]);
    private static readonly NtsKeRecord End = NtsKeRecord.Of(NtsKeRecordType.EndOfMessage, true);

    private static NtsFailure FailureOf(byte[] input) =>
        NtsKeResponseParser.Parse(input, "s")!.Value.TryGet(out _, out var e) ? throw new Xunit.Sdk.XunitException("accepted") : e.Failure;

    [Fact]
    public void AGoodResponseGivesCookiesServerAndPort()
    {
        var input = Records(Protocol, Aead, Cookie, Cookie, Rec(NtsKeRecordType.Server, "ntp.example"u8.ToArray()),
            NtsKeRecord.Of(NtsKeRecordType.Port, false, 11123), Rec((NtsKeRecordType)0x4242, [9]), End);
        var response = NtsKeResponseParser.Parse(input, "s")!.Value.Value;
        Assert.Equal(2, response.Cookies.Count);
        Assert.Equal([1, 2, 3, 4, 5], response.Cookies[0]);
        Assert.Equal("ntp.example", response.NtpServer);
        Assert.Equal(11123, response.NtpPort);
    }

    [Fact]
    public void TheRequestIsNextProtocolAeadAndEndOfMessageAllCritical() =>
        Assert.Equal(Convert.FromHexString("80010002000080040002000F80000000"), NtsKeRequest.Encode());

    [Fact]
    public void EachRefusalIsNamed()
    {
        Assert.Equal(NtsFailure.UnknownCriticalRecord, FailureOf(Records(Protocol, Rec((NtsKeRecordType)0x4242, [], critical: true), End)));
        Assert.Equal(NtsFailure.ServerError, FailureOf(Records(NtsKeRecord.Of(NtsKeRecordType.Error, true, 1), End)));
        Assert.Equal(NtsFailure.ServerWarning, FailureOf(Records(NtsKeRecord.Of(NtsKeRecordType.Warning, true, 7), End)));
        Assert.Equal(NtsFailure.NoCommonProtocol, FailureOf(Records(NtsKeRecord.Of(NtsKeRecordType.NextProtocol, true, 0x8001), Aead, Cookie, End)));
        Assert.Equal(NtsFailure.NoCommonProtocol, FailureOf(Records(Aead, Cookie, End)));
        Assert.Equal(NtsFailure.NoCommonAead, FailureOf(Records(Protocol, NtsKeRecord.Of(NtsKeRecordType.AeadAlgorithm, false, 30), Cookie, End)));
        Assert.Equal(NtsFailure.NoCommonAead, FailureOf(Records(Protocol, Cookie, End)));
        Assert.Equal(NtsFailure.NoCookies, FailureOf(Records(Protocol, Aead, End)));
        Assert.Equal(NtsFailure.MissingEndOfMessage, FailureOf(Records(Protocol, Aead, Cookie)));
        Assert.Equal(NtsFailure.MalformedRecord, FailureOf(Records(Protocol, Aead, Cookie, Rec(NtsKeRecordType.Port, [1]), End)));
        Assert.Equal(NtsFailure.MalformedRecord, FailureOf(Records(Protocol, Aead, Rec(NtsKeRecordType.NewCookie, []), End)));
        Assert.Equal(NtsFailure.MalformedRecord, FailureOf(Records(Protocol, Aead, Cookie, Rec(NtsKeRecordType.Server, "a b"u8.ToArray()), End)));
        Assert.Equal(NtsFailure.MalformedRecord, FailureOf(Records(Protocol, Aead, Cookie, Rec(NtsKeRecordType.EndOfMessage, [0], critical: true))));
    }

    [Fact]
    public void EveryTruncationIsRefusedWhenTheStreamEndedAndAwaitedWhileItIsOpen()
    {
        var input = Records(Protocol, Aead, Cookie, End);
        for (var n = 0; n < input.Length; n++)
        {
            Assert.Null(NtsKeResponseParser.Parse(input.AsSpan(0, n), "s", complete: false));
            Assert.Contains(FailureOf(input[..n]), new[] { NtsFailure.MissingEndOfMessage, NtsFailure.MalformedRecord });
        }
    }

    [Property(MaxTest = 500)]
    public void RandomBytesGiveAnErrorOrAResponseNeverAnException(byte[] bytes)
    {
        var result = NtsKeResponseParser.Parse(bytes ?? [], "s");
        Assert.NotNull(result);
        if (!result.Value.IsOk) Assert.Equal("s", result.Value.Error.Server);
    }

    [Property(MaxTest = 500)]
    public void ValidResponseWithOneByteChangedNeverThrows(ushort position, byte value)
    {
        var input = Records(Protocol, Aead, Cookie, Rec(NtsKeRecordType.Server, "h"u8.ToArray()), NtsKeRecord.Of(NtsKeRecordType.Port, false, 123), End);
        input[position % input.Length] = value;
        var result = NtsKeResponseParser.Parse(input, "s");
        Assert.NotNull(result);
    }
}
