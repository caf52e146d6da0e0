using System.Diagnostics;
using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Bench.Dkls23;

/// <summary>
/// Wall-clock latency of the DKLs23 core, all parties simulated in one process: DKG 3-of-5, all 10
/// pairwise setups, and one 3-of-5 signature (rounds run party after party, then in parallel), with
/// the bytes each signer sends. The machine is shared and noisy: read figures as orders of magnitude.
/// </summary>
internal static class ProtocolTimings
{
    public static void Run(int signatures)
    {
        var ids = Enumerable.Range(1, 5).Select(ParticipantId.FromIndex).ToArray();
        var table = GroupComparison.Time(1, () => CcTsa.Crypto.P384.P384Point.MulBase(CcTsa.Crypto.P384.P384Scalar.One).Dispose());
        Console.WriteLine($"First k·G of the process (builds the fixed-base comb table once, if the build has one): {table:F0} ms CPU");
        var sw = Stopwatch.StartNew();
        var cpu0 = Cpu();
        var ctx = RandomNumberGenerator.GetBytes(32);
        var p1 = ids.Select(i => DkgPart1.Run(i, 3, ids, ctx)).ToArray();
        var r2 = ids.SelectMany((i, k) => DkgPart2.Run(p1[k].Secret, [.. p1.Where(x => x.Message.From != i).Select(x => x.Message)]).Value).ToArray();
        var keys = ids.Select((i, k) => DkgPart3.Run(p1[k].Secret, p1[k].Message, [.. p1.Where(x => x.Message.From != i).Select(x => x.Message)], [.. r2.Where(m => m.To == i)]).Value).ToArray();
        var dkg = sw.Elapsed.TotalMilliseconds;
        var dkgCpu = Cpu() - cpu0;
        Console.WriteLine($"DKG 3-of-5, all 5 parties sequentially in one process: {dkg:F0} ms wall, {dkgCpu:F0} ms CPU ({dkgCpu / 5:F0} ms per party)");

        sw.Restart();
        cpu0 = Cpu();
        var pairs = ids.ToDictionary(i => i, _ => new Dictionary<ParticipantId, PairState>());
        foreach (var i in ids)
            foreach (var j in ids.Where(j => i < j))
            {
                var (si, mi) = PairwiseSetup.Round1(keys[0].Sid, i, j);
                var (sj, mj) = PairwiseSetup.Round1(keys[0].Sid, j, i);
                var ai = PairwiseSetup.Round2(si, mj).Value;
                var aj = PairwiseSetup.Round2(sj, mi).Value;
                pairs[i][j] = PairwiseSetup.Finish(si, aj).Value;
                pairs[j][i] = PairwiseSetup.Finish(sj, ai).Value;
            }
        var setup = sw.Elapsed.TotalMilliseconds;
        var setupCpu = Cpu() - cpu0;
        Console.WriteLine($"Pairwise setup, all 10 pairs (20 ordered base-OT batches of 128) sequentially: {setup:F0} ms wall, {setupCpu:F0} ms CPU ({setupCpu / 10:F0} ms per pair, both sides)");

        var signers = new[] { ids[0], ids[2], ids[4] };
        var sigidSeed = RandomNumberGenerator.GetBytes(32);
        var seq = new List<double>();
        var par = new List<double>();
        long bytes = 0;
        for (var n = 0; n < signatures; n++)
        {
            var digest = SHA384.HashData(RandomNumberGenerator.GetBytes(32));
            seq.Add(Sign(keys, pairs, signers, digest, parallel: false, out bytes));
            par.Add(Sign(keys, pairs, signers, digest, parallel: true, out _));
        }
        seq.Sort();
        par.Sort();
        Console.WriteLine($"Sign 3-of-5, 3 parties sequentially (process CPU time of the whole signature): median {seq[seq.Count / 2]:F1} ms, min {seq[0]:F1} ms over {signatures}");
        double Med(Func<(double R1, double R2, double R3), double> f) => Rounds.Select(f).Order().ElementAt(Rounds.Count / 2);
        Console.WriteLine($"  of which (CPU, all 3 parties, median): round 1 {Med(r => r.R1):F1} ms, round 2 {Med(r => r.R2):F1} ms, round 3 {Med(r => r.R3):F1} ms");
        using (var e = ECDsa.Create(ECCurve.NamedCurves.nistP384))
        {
            for (var i = 0; i < 50; i++) e.SignHash(SHA384.HashData(BitConverter.GetBytes(i)));
            var single = GroupComparison.Time(200, () => e.SignHash(SHA384.HashData(sigidSeed)));
            Console.WriteLine($"Baseline .NET ECDsa P-384 SignHash, single key, same process: {single:F3} ms CPU → threshold/single ratio {seq[seq.Count / 2] / single:F0}×");
        }
        Console.WriteLine($"Sign 3-of-5, parties' rounds in parallel on 2 cores (latency, no network): median {par[par.Count / 2]:F0} ms, min {par[0]:F0} ms");
        Console.WriteLine($"Bytes sent per signer per signature (point-to-point + broadcasts, in-memory sizes): {bytes / 1024.0:F0} KiB");
    }

    private static readonly List<(double R1, double R2, double R3)> Rounds = [];

    /// <summary>Process CPU milliseconds so far (the machine is shared: wall time over-states our cost).</summary>
    internal static double Cpu()
    {
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalMilliseconds;
    }

    private static double Sign(KeyShare[] keys, Dictionary<ParticipantId, Dictionary<ParticipantId, PairState>> pairs,
        ParticipantId[] signers, byte[] digest, bool parallel, out long bytesPerSigner)
    {
        var sw = Stopwatch.StartNew();
        var cpu = Cpu();
        var sigid = RandomNumberGenerator.GetBytes(32);
        var s1 = signers.Select(i => SignRound1.Run(keys[i.Value - 1], pairs[i], signers, sigid).Value).ToArray();
        var c1 = Cpu();
        var b = s1.Select(x => x.Broadcast).ToArray();
        var p = s1.SelectMany(x => x.ToPeers).ToArray();
        IEnumerable<T> Each<T>(IEnumerable<T> xs) => parallel ? xs.AsParallel().AsOrdered() : xs;
        var s2 = Each(s1).Select(x => SignRound2.Run(x.Session, [.. b.Where(m => m.From != x.Session.Self)], [.. p.Where(m => m.To == x.Session.Self)]).Value).ToArray();
        var c2 = Cpu();
        var q = s2.SelectMany(x => x).ToArray();
        var s3 = Each(s1).Select(x => SignRound3.Run(x.Session, digest, [.. q.Where(m => m.To == x.Session.Self)]).Value).ToArray();
        var c3 = Cpu();
        var sig = Combine.Run(keys[0].PublicKey, s3, digest);
        var ms = parallel ? sw.Elapsed.TotalMilliseconds : Cpu() - cpu;
        if (!parallel) Rounds.Add((c1 - cpu, c2 - c1, c3 - c2));
        if (!sig.IsOk) throw new InvalidOperationException(sig.Error.ToString());
        var peers = signers.Length - 1;
        bytesPerSigner = 64 + (peers * (p[0].PairTag.Length + p[0].Ote.U.Length + p[0].Ote.X.Length + p[0].Ote.Z.Length))
            + (peers * ((q[0].Rvole.ATilde.Length * q[0].Rvole.ATilde[0].Length * 48) + (3 * 48) + 64 + (3 * 49) + 48 + 49 + 32 + 32))
            + 49 + 96 + 32;
        return ms;
    }
}
