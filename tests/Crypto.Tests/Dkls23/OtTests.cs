using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>Base OT (Chou–Orlandi over Ed25519) and KOS OT extension with the Fig. 10 check.</summary>
public class OtTests
{
    private static readonly ParticipantId A = ParticipantId.FromIndex(1);
    private static readonly ParticipantId B = ParticipantId.FromIndex(2);

    [Fact]
    public void Base_ot_receiver_gets_exactly_the_chosen_messages()
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var choices = RandomNumberGenerator.GetBytes(BaseOt.Count / 8);
        var s = BaseOt.SenderStart(out var y);
        using (y)
        {
            var kc = new byte[BaseOt.Count * BaseOt.KeyBytes];
            var r = BaseOt.Receive(sid, s, choices, kc);
            var k0 = new byte[kc.Length];
            var k1 = new byte[kc.Length];
            Assert.True(BaseOt.SenderFinish(sid, y, s, [.. r.Select(p => p.ToArray())], k0, k1));
            for (var i = 0; i < BaseOt.Count; i++)
            {
                var c = (choices[i >> 3] >> (i & 7)) & 1;
                var slice = new Range(i * 32, (i + 1) * 32);
                // chosen-message OT on top of the random OT: the sender pads m0, m1 with k0, k1
                var m0 = RandomNumberGenerator.GetBytes(32);
                var m1 = RandomNumberGenerator.GetBytes(32);
                var e0 = Xor(m0, k0[slice]);
                var e1 = Xor(m1, k1[slice]);
                Assert.Equal(c == 0 ? m0 : m1, Xor(c == 0 ? e0 : e1, kc[slice]));
                Assert.NotEqual(c == 0 ? m1 : m0, Xor(c == 0 ? e1 : e0, kc[slice]));
            }
            // a bad element from the receiver is refused
            var bad = r.Select(p => p.ToArray()).ToArray();
            bad[7] = new byte[32];
            Assert.False(BaseOt.SenderFinish(sid, y, s, bad, k0, k1));
        }
    }

    [Fact]
    public void Extension_gives_bob_the_pad_of_his_choice_bit()
    {
        var (alice, bob) = Pair();
        var sid = RandomNumberGenerator.GetBytes(32);
        var beta = RandomNumberGenerator.GetBytes(CcTsa.Crypto.Dkls23.Dkls23Params.Xi / 8);
        var msg = OtExtension.Extend(bob.AsBob, sid, beta, out var gamma);
        Assert.True(OtExtension.Receive(alice.AsAlice, sid, msg, out var a0, out var a1));
        for (var j = 0; j < gamma.Length; j++)
        {
            var bj = (beta[j >> 3] >> (j & 7)) & 1;
            Assert.Equal(bj == 0 ? a0[j] : a1[j], gamma[j]);
            Assert.NotEqual(bj == 0 ? a1[j][0] : a0[j][0], gamma[j][0]);
        }
    }

    [Fact]
    public void Extension_check_catches_a_flipped_u_row()
    {
        var (alice, bob) = Pair();
        var sid = RandomNumberGenerator.GetBytes(32);
        var beta = RandomNumberGenerator.GetBytes(80);
        var msg = OtExtension.Extend(bob.AsBob, sid, beta, out _);
        // A cheating receiver uses another choice bit in *some* rows (the selective-failure attack
        // of P1): flip column 3 in 64 rows. The check fails unless Δ is zero on all 64 (2^-64).
        var u = (byte[])msg.U.Clone();
        for (var i = 0; i < 128; i += 2) u[i * 96] ^= 8;
        Assert.False(OtExtension.Receive(alice.AsAlice, sid, msg with { U = u }, out _, out _));
        Assert.False(OtExtension.Receive(alice.AsAlice, sid, msg with { X = new byte[16] }, out _, out _));
        Assert.False(OtExtension.Receive(alice.AsAlice, sid, msg with { Z = RandomNumberGenerator.GetBytes(msg.Z.Length) }, out _, out _));
        Assert.False(OtExtension.Receive(alice.AsAlice, sid, msg with { U = u[..100] }, out _, out _));
        // replayed into another session (sid): the PRG rows differ, the check fails
        Assert.False(OtExtension.Receive(alice.AsAlice, RandomNumberGenerator.GetBytes(32), msg, out _, out _));
        Assert.True(OtExtension.Receive(alice.AsAlice, sid, msg, out _, out _));
    }

    /// <summary>A pairwise setup between parties 1 and 2: (1's state, 2's state); 1 is Alice toward 2.</summary>
    internal static (PairState Alice, PairState Bob) Pair()
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var (sa, ma) = PairwiseSetup.Round1(sid, A, B);
        var (sb, mb) = PairwiseSetup.Round1(sid, B, A);
        var ra = PairwiseSetup.Round2(sa, mb).Value;
        var rb = PairwiseSetup.Round2(sb, ma).Value;
        return (PairwiseSetup.Finish(sa, rb).Value, PairwiseSetup.Finish(sb, ra).Value);
    }

    [Fact]
    public void Setup_names_a_peer_whose_seed_does_not_open_its_commitment()
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var (sa, ma) = PairwiseSetup.Round1(sid, A, B);
        var (sb, mb) = PairwiseSetup.Round1(sid, B, A);
        _ = PairwiseSetup.Round2(sa, mb).Value;
        var rb = PairwiseSetup.Round2(sb, ma).Value;
        var res = PairwiseSetup.Finish(sa, rb with { Seed = RandomNumberGenerator.GetBytes(32) });
        Assert.False(res.IsOk);
        Assert.Equal(CcTsa.Crypto.Dkls23.Dkls23Failure.CommitmentMismatch, res.Error.Failure);
        Assert.Equal([B], res.Error.Culprits);
        sb.Dispose();
    }

    private static byte[] Xor(byte[] a, byte[] b) => [.. a.Zip(b, (x, y) => (byte)(x ^ y))];
}
