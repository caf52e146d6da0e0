using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>Two-party multiplication (RVOLE, DKLs23 Protocol 5.2): c_i + d_i = a_i·b, and a deviating Alice is caught.</summary>
public class RvoleTests : IClassFixture<RvoleTests.PairFixture>
{
    public sealed class PairFixture : IDisposable
    {
        public PairState Alice { get; }
        public PairState Bob { get; }
        public PairFixture() => (Alice, Bob) = OtTests.Pair();
        public void Dispose() { Alice.Dispose(); Bob.Dispose(); }
    }

    private readonly PairFixture _pair;

    public RvoleTests(PairFixture pair) => _pair = pair;

    private (RvoleBobState Bob, P384Scalar[] C, RvoleMessage Msg) Run(P384Scalar[] a, byte[] sid)
    {
        var ote = Rvole.BobStart(_pair.Bob.AsBob, _pair.Bob.GadgetAsBob, sid, out var bob);
        Assert.True(Rvole.AliceRespond(_pair.Alice.AsAlice, _pair.Alice.GadgetAsAlice, sid, ote, a, out var c, out var msg));
        return (bob, c, msg);
    }

    [Property(MaxTest = 12)]
    public void Outputs_are_additive_shares_of_the_products(byte[] seed)
    {
        var a = new[] { P384Scalar.FromWide(SHA512.HashData(seed ?? [])), P384Scalar.Random() };
        var sid = RandomNumberGenerator.GetBytes(32);
        var (bob, c, msg) = Run(a, sid);
        var b = bob.B;
        Assert.True(Rvole.BobFinish(bob, _pair.Bob.GadgetAsBob, msg, out var d));
        Assert.Equal(a[0] * b, c[0] + d[0]);
        Assert.Equal(a[1] * b, c[1] + d[1]);
        Assert.False(b.IsZero);
    }

    [Theory]
    [InlineData("atilde-one-entry")]
    [InlineData("atilde-inconsistent-input")]
    [InlineData("eta")]
    [InlineData("mu")]
    [InlineData("check-column")]
    public void Bob_catches_a_deviating_alice(string how)
    {
        var a = new[] { P384Scalar.Random(), P384Scalar.Random() };
        var (bob, _, msg) = Run(a, RandomNumberGenerator.GetBytes(32));
        var at = msg.ATilde.Select(r => (P384Scalar[])r.Clone()).ToArray();
        var eta = (P384Scalar[])msg.Eta.Clone();
        var mu = (byte[])msg.Mu.Clone();
        switch (how)
        {
            case "atilde-one-entry": at[17][0] += P384Scalar.One; break;
            // Alice feeds a' = a + δ into half of the rows only (an inconsistent input)
            case "atilde-inconsistent-input": for (var j = 0; j < at.Length; j += 2) at[j][1] += P384Scalar.FromInt(5); break;
            case "eta": eta[^1] += P384Scalar.One; break;
            case "mu": mu[0] ^= 1; break;
            case "check-column": at[3][^1] -= P384Scalar.One; break;
        }
        Assert.False(Rvole.BobFinish(bob, _pair.Bob.GadgetAsBob, msg with { ATilde = at, Eta = eta, Mu = mu }, out _));
    }

    [Fact]
    public void Alice_refuses_a_tampered_extension_message()
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var ote = Rvole.BobStart(_pair.Bob.AsBob, _pair.Bob.GadgetAsBob, sid, out var bob);
        using (bob)
        {
            var u = (byte[])ote.U.Clone();
            u[5 * 96] ^= 0x10;
            u[9 * 96] ^= 0x10;
            u[77 * 96] ^= 0x10;
            u[100 * 96] ^= 0x10;
            // fails unless Δ is 0 at all four rows (1/16); flip more rows to make it certain enough
            for (var i = 0; i < 128; i += 3) u[(i * 96) + 1] ^= 1;
            Assert.False(Rvole.AliceRespond(_pair.Alice.AsAlice, _pair.Alice.GadgetAsAlice, sid, ote with { U = u },
                [P384Scalar.One, P384Scalar.One], out _, out _));
        }
    }
}
