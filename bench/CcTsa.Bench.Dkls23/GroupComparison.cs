using System.Diagnostics;
using CcTsa.Crypto.P384;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;

namespace CcTsa.Bench.Dkls23;

/// <summary>
/// P-384 scalar multiplication: ours (k·G: the fixed-base comb; k·P: OpenSSL's ladder by P/Invoke)
/// vs BouncyCastle, same process; the OpenSSL ladder on G is timed too, as the former k·G path.
/// </summary>
internal static class GroupComparison
{
    public static void Run(int iterations)
    {
        var k = P384Scalar.Random();
        var kb = new BigInteger(1, k.ToArray());
        var p = P384Point.MulBase(P384Scalar.Random());
        var curve = CustomNamedCurves.GetByName("P-384");
        var bcG = curve.G;
        var bcP = bcG.Multiply(new BigInteger(1, P384Scalar.Random().ToArray())).Normalize();
        for (var i = 0; i < 20; i++) { P384Point.MulBase(k).Dispose(); p.Multiply(k).Dispose(); bcG.Multiply(kb).Normalize(); bcP.Multiply(kb).Normalize(); }

        var sslBase = Time(iterations, () => P384Point.MulBase(k).Dispose());
        var sslVar = Time(iterations, () => p.Multiply(k).Dispose());
        var sslLadderG = Time(iterations, () => P384Point.Generator.Multiply(k).Dispose());
        var bcBase = Time(iterations, () => bcG.Multiply(kb).Normalize());
        var bcVar = Time(iterations, () => bcP.Multiply(kb).Normalize());
        var comb = new Org.BouncyCastle.Math.EC.Multiplier.FixedPointCombMultiplier();
        comb.Multiply(bcG, kb);
        var bcComb = Time(iterations, () => comb.Multiply(bcG, kb).Normalize());
        var sslEnc = Time(iterations, () => P384Point.TryDecode(p.Encode(), out var q));
        Console.WriteLine($"P-384 fixed-base  k·G : ours (comb) {sslBase:F3} ms   OpenSSL ladder {sslLadderG:F3} ms   BouncyCastle {bcBase:F3} ms   ratio ladder/comb {sslLadderG / sslBase:F2}");
        Console.WriteLine($"P-384 variable    k·P : OpenSSL {sslVar:F3} ms   BouncyCastle {bcVar:F3} ms   ratio BC/OpenSSL {bcVar / sslVar:F2}");
        Console.WriteLine($"BouncyCastle FixedPointCombMultiplier k·G {bcComb:F3} ms");
        Console.WriteLine($"P-384 compressed encode+decode (OpenSSL): {sslEnc:F3} ms");
        var e = P384Scalar.FromInt(long.MaxValue) * P384Scalar.FromInt(long.MaxValue);   // ~126 bits, as GammaCheck's e
        var q = P384Point.MulBase(P384Scalar.Random());
        var sslTwo = Time(iterations, () => P384Point.AddScaledPublic(p, e, q).Dispose());
        Console.WriteLine($"P-384 public a + e·b, 128-bit e (OpenSSL EC_POINTs_mul, variable time): {sslTwo:F3} ms");
    }

    /// <summary>
    /// Milliseconds of process CPU time per call (not wall time: the 2-core machine is shared with
    /// other jobs, and CPU time is what the throughput targets are about).
    /// </summary>
    internal static double Time(int n, Action a)
    {
        var proc = Process.GetCurrentProcess();
        var before = proc.TotalProcessorTime;
        for (var i = 0; i < n; i++) a();
        proc.Refresh();
        return (proc.TotalProcessorTime - before).TotalMilliseconds / n;
    }
}
