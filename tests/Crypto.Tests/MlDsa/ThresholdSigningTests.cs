using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// End to end: every 3-subset of the 5 parties signs, with and without a context, and
/// BouncyCastle's MLDsaSigner accepts each signature as plain ML-DSA-65 (the 200-signature property
/// with run statistics is <see cref="NobleInteropTests"/>).
/// </summary>
public sealed class ThresholdSigningTests
{
    public static TheoryData<int, int, int> AllSignerSets() => AssignmentTests.AllSignerSets();

    [Theory]
    [MemberData(nameof(AllSignerSets))]
    public void Every_signer_set_produces_signatures_BouncyCastle_verifies(int a, int b, int c)
    {
        using var h = new MlDsaHarness();
        foreach (var ctx in new[] { Array.Empty<byte>(), "x"u8.ToArray() })
        {
            var msg = System.Text.Encoding.ASCII.GetBytes($"token {a}{b}{c} ctx={ctx.Length}");
            var r = LocalSigning.Sign(h.Signers(a, b, c), RoundId.New(), msg, ctx);
            Assert.True(r.IsOk, r.IsOk ? "" : r.Error.ToString());
            Assert.True(MlDsaVerifier.Verify(h.PublicKey.Encoding, msg, ctx, r.Value.Bytes.Span));
            Assert.False(MlDsaVerifier.Verify(h.PublicKey.Encoding, msg, "y"u8, r.Value.Bytes.Span));
        }
    }

    [Fact]
    public void Two_parties_cannot_form_a_signer_set()
    {
        using var h = new MlDsaHarness();
        Assert.Throws<ArgumentException>(() => SignerSet.Of([MlDsaHarness.P(1), MlDsaHarness.P(2)]));
        Assert.Throws<ArgumentException>(() => SignerSet.Of([MlDsaHarness.P(1), MlDsaHarness.P(2), MlDsaHarness.P(2)]));
    }

    [Fact]
    public void Two_parties_impersonating_a_third_without_its_subset_never_produce_a_signature()
    {
        // n1 and n2 hold every subset except {n3,n4,n5}; they play n3 with its other five subsets
        // (which they know) and a guessed share for the missing one. Every run must be rejected.
        using var h = new MlDsaHarness();
        var xi = new byte[32];
        xi[0] = 7;
        using var forged = DealerSeeds.ForgedShare(xi, h.PublicKey, partyNode: 3, unknown: new SubsetMask(0b11100));
        var signers = new[] { h.Shares[0], h.Shares[1], forged };
        for (var run = 1; run <= 6; run++)
        {
            var result = h.OneRun(signers, MlDsaHarness.Session(signers, run));
            Assert.False(result.IsOk);
            Assert.Equal(MlDsaFailure.RunRejected, result.Error.Failure);
        }
    }

    [Fact]
    public void A_signer_given_another_message_makes_the_run_fail_without_a_signature()
    {
        using var h = new MlDsaHarness();
        var signers = h.Signers(1, 3, 5);
        var other = "another message"u8.ToArray();
        for (var run = 1; run <= 3; run++)
        {
            var result = h.OneRun(signers, MlDsaHarness.Session(signers, run), i => i == 1 ? other : MlDsaHarness.Message);
            Assert.False(result.IsOk);
        }
    }
}
