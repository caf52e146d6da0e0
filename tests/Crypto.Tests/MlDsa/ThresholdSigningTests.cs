using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.MlDsa;

public sealed class ThresholdSigningTests
{
    [Fact]
    public void Signers_1_2_3_produce_a_signature_BouncyCastle_verifies()
    {
        var (pk, shares) = TrustedDealer.Deal(new byte[32]);
        var msg = "hello threshold"u8.ToArray();
        var r = LocalSigning.Sign([shares[0], shares[1], shares[2]], RoundId.New(), msg, []);
        Assert.True(r.IsOk, r.IsOk ? "" : r.Error.ToString());
        Assert.True(MlDsaVerifier.Verify(pk.Encoding, msg, [], r.Value.Bytes.Span));
        foreach (var s in shares) s.Dispose();
    }
}
