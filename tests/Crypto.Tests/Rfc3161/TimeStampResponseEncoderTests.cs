using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Crypto.Tests.Rfc3161;

public class TimeStampResponseEncoderTests
{
    [Theory]
    [InlineData(PkiFailureInfo.BadAlg, "30 0e 30 0c 02 01 02 30 03 0c 01 78 03 02 07 80")]
    [InlineData(PkiFailureInfo.BadRequest, "30 0e 30 0c 02 01 02 30 03 0c 01 78 03 02 05 20")]
    [InlineData(PkiFailureInfo.BadDataFormat, "30 0e 30 0c 02 01 02 30 03 0c 01 78 03 02 02 04")]
    [InlineData(PkiFailureInfo.TimeNotAvailable, "30 0f 30 0d 02 01 02 30 03 0c 01 78 03 03 01 00 02")]
    [InlineData(PkiFailureInfo.UnacceptedPolicy, "30 0f 30 0d 02 01 02 30 03 0c 01 78 03 03 00 00 01")]
    [InlineData(PkiFailureInfo.UnacceptedExtension, "30 10 30 0e 02 01 02 30 03 0c 01 78 03 04 07 00 00 80")]
    [InlineData(PkiFailureInfo.AddInfoNotAvailable, "30 10 30 0e 02 01 02 30 03 0c 01 78 03 04 06 00 00 40")]
    [InlineData(PkiFailureInfo.SystemFailure, "30 11 30 0f 02 01 02 30 03 0c 01 78 03 05 06 00 00 00 40")]
    public void EncodeRejection_sets_exactly_the_rfc_bit(PkiFailureInfo failInfo, string expectedHex)
    {
        var der = TimeStampResponseEncoder.EncodeRejection(new TimestampRejection(failInfo, "x"));
        Assert.Equal(expectedHex.Replace(" ", "", StringComparison.Ordinal), Convert.ToHexStringLower(der));
        Assert.True(TimeStampResponseReader.TryRead(der, out var parsed, out _));
        Assert.Equal(failInfo, parsed.FailInfo);
        Assert.Equal(2, parsed.Status);
        Assert.Equal("x", parsed.StatusText);
        Assert.Null(parsed.Token);
    }
}
