using System.Diagnostics;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench;

/// <summary>
/// `dkg-groups`: CPU time of one whole DKG 3-of-5 (all five participants' three parts in one process)
/// over Ed25519 (FROST) and over P-384 (DKLs23), each beside one constant-time k·G of its own group
/// in the same run, so the figures read as ratios on a shared, noisy machine.
/// </summary>
internal static class DkgGroupTimings
{
    public static int Run(string[] args)
    {
        var rounds = args.Length > 1 && int.TryParse(args[1], out var r) ? r : 20;
        var ids = Enumerable.Range(1, 5).Select(ParticipantId.FromIndex).ToArray();
        FrostDkg(ids);
        P384Dkg(ids); // warm-up: JIT, comb table, secret arena
        var edBase = PerCall(200, () => Ed25519Group.BaseMul(PublicScalar.FromInt(0x1234567890abcdef).Encoding));
        var pBase = PerCall(200, () => P384Point.MulBase(P384Scalar.FromInt(0x1234567890abcdef)).Dispose());
        var ed = PerCall(rounds, () => FrostDkg(ids));
        var p = PerCall(rounds, () => P384Dkg(ids));
        Console.WriteLine($"DKG 3-of-5 Ed25519 (FROST): {ed:F2} ms CPU = {ed / edBase:F0} × one k·B ({edBase * 1000:F0} µs)");
        Console.WriteLine($"DKG 3-of-5 P-384 (DKLs23):  {p:F2} ms CPU = {p / pBase:F0} × one k·G ({pBase * 1000:F0} µs)");
        return 0;
    }

    private static double PerCall(int n, Action a)
    {
        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < n; i++) a();
        return (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / n;
    }

    internal static void FrostDkg(ParticipantId[] ids)
    {
        var r1 = ids.Select(i => Dealerless.Part1(i, ids.Length, 3)).ToArray();
        var r2 = ids.Select((i, k) => Dealerless.Part2(r1[k].Secret, [.. r1.Where(x => x.Broadcast.Sender != i).Select(x => x.Broadcast)]).Value).ToArray();
        foreach (var (i, k) in ids.Select((i, k) => (i, k)))
        {
            var inbox = r2.SelectMany(x => x.Outgoing).Where(p => p.Recipient == i).ToList();
            var (key, _) = Dealerless.Part3(r2[k].Secret, [.. r1.Where(x => x.Broadcast.Sender != i).Select(x => x.Broadcast)], inbox).Value;
            key.Dispose();
        }
        foreach (var x in r1) x.Secret.Dispose();
        foreach (var x in r2)
        {
            x.Secret.Dispose();
            foreach (var p in x.Outgoing) p.Dispose();
        }
    }

    private static void P384Dkg(ParticipantId[] ids)
    {
        var ctx = RandomNumberGenerator.GetBytes(32);
        var p1 = ids.Select(i => DkgPart1.Run(i, 3, ids, ctx)).ToArray();
        var r2 = ids.SelectMany((i, k) => DkgPart2.Run(p1[k].Secret, [.. p1.Where(x => x.Message.From != i).Select(x => x.Message)]).Value).ToArray();
        for (var k = 0; k < ids.Length; k++)
        {
            var i = ids[k];
            DkgPart3.Run(p1[k].Secret, p1[k].Message, [.. p1.Where(x => x.Message.From != i).Select(x => x.Message)], [.. r2.Where(m => m.To == i)]).Value.Dispose();
        }
        foreach (var x in p1) x.Secret.Dispose();
        foreach (var m in r2) m.Dispose();
    }
}
