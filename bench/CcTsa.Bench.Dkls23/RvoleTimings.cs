using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench.Dkls23;

/// <summary>Where a signature's time goes: one RVOLE (ℓ = 2, ξ = 640, ρ = 1) split into its steps, and scalar arithmetic.</summary>
internal static class RvoleTimings
{
    public static void Run(int n)
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var (a, b) = (ParticipantId.FromIndex(1), ParticipantId.FromIndex(2));
        var (sa, ma) = PairwiseSetup.Round1(sid, a, b);
        var (sb, mb) = PairwiseSetup.Round1(sid, b, a);
        var ra = PairwiseSetup.Round2(sa, mb).Value;
        var rb = PairwiseSetup.Round2(sb, ma).Value;
        using var alice = PairwiseSetup.Finish(sa, rb).Value;
        using var bob = PairwiseSetup.Finish(sb, ra).Value;
        var beta = RandomNumberGenerator.GetBytes(80);
        var x = P384Scalar.Random();
        var y = P384Scalar.Random();
        var wide = RandomNumberGenerator.GetBytes(64);
        Console.WriteLine($"scalar mul+mod n: {GroupComparison.Time(n * 1000, () => _ = x * y) * 1000:F2} µs; 64-byte reduce: {GroupComparison.Time(n * 1000, () => P384Scalar.FromWide(wide)) * 1000:F2} µs");
        OteMessage? msg = null;
        Console.WriteLine($"OTE extend (Bob): {GroupComparison.Time(n, () => msg = OtExtension.Extend(bob.AsBob, sid, beta, out _)):F1} ms");
        Console.WriteLine($"OTE receive+check (Alice): {GroupComparison.Time(n, () => OtExtension.Receive(alice.AsAlice, sid, msg!, out _, out _)):F1} ms");
        Console.WriteLine($"RVOLE Bob start (incl. OTE): {GroupComparison.Time(n, () => { Rvole.BobStart(bob.AsBob, bob.GadgetAsBob, sid, out var s); s.Dispose(); }):F1} ms");
        var ote = Rvole.BobStart(bob.AsBob, bob.GadgetAsBob, sid, out var state);
        RvoleMessage? reply = null;
        Console.WriteLine($"RVOLE Alice respond (incl. OTE check): {GroupComparison.Time(n, () => Rvole.AliceRespond(alice.AsAlice, alice.GadgetAsAlice, sid, ote, [x, y], out _, out reply)):F1} ms");
        var t = GroupComparison.Time(n, () =>
        {
            var o = Rvole.BobStart(bob.AsBob, bob.GadgetAsBob, sid, out var st);
            Rvole.AliceRespond(alice.AsAlice, alice.GadgetAsAlice, sid, o, [x, y], out _, out var rp);
            Rvole.BobFinish(st, bob.GadgetAsBob, rp, out _);
        }) - GroupComparison.Time(n, () =>
        {
            var o = Rvole.BobStart(bob.AsBob, bob.GadgetAsBob, sid, out var st);
            Rvole.AliceRespond(alice.AsAlice, alice.GadgetAsAlice, sid, o, [x, y], out _, out var rp);
            st.Dispose();
        });
        Console.WriteLine($"RVOLE Bob finish (difference of two runs): {t:F1} ms");
        var p = P384Point.MulBase(x);
        Console.WriteLine($"P-384 k·G {GroupComparison.Time(n * 10, () => P384Point.MulBase(y).Dispose()):F3} ms, k·P {GroupComparison.Time(n * 10, () => p.Multiply(y).Dispose()):F3} ms, encode+decode {GroupComparison.Time(n * 10, () => P384Point.TryDecode(p.Encode(), out _)):F3} ms");
    }

    /// <summary>Only Bob's OT-extension step, many times: a clean target for a sampling profiler (perf).</summary>
    public static void ExtendOnly(int n)
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var (a, b) = (ParticipantId.FromIndex(1), ParticipantId.FromIndex(2));
        var (sa, ma) = PairwiseSetup.Round1(sid, a, b);
        var (sb, mb) = PairwiseSetup.Round1(sid, b, a);
        var ra = PairwiseSetup.Round2(sa, mb).Value;
        var rb = PairwiseSetup.Round2(sb, ma).Value;
        using var alice = PairwiseSetup.Finish(sa, rb).Value;
        using var bob = PairwiseSetup.Finish(sb, ra).Value;
        var beta = RandomNumberGenerator.GetBytes(80);
        Console.WriteLine($"OTE extend (Bob), {n} runs: {GroupComparison.Time(n, () => OtExtension.Extend(bob.AsBob, sid, beta, out _)):F2} ms CPU each");
    }
}
