using System.Diagnostics;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// Quick Stopwatch timings of the group primitives on the signing hot path (µs per call, median of
/// five runs), to see what dominates before reaching for BenchmarkDotNet.
/// Usage: <c>dotnet run -c Release --project bench/CcTsa.Bench -- primitives</c>.
/// </summary>
internal static class PrimitiveTimings
{
    public static int Run()
    {
        using var s = Scalar.Random();
        var p = Ed25519Group.BaseMul(s.Secret);
        var bytes = p.ToArray();
        Span<byte> k = stackalloc byte[32];
        Ed25519Group.ScalarRandom(k);
        var kArr = k.ToArray();
        Report("base-point mul", () => Ed25519Group.BaseMul(kArr));
        Report("variable-base mul (noclamp)", () => Ed25519Group.Mul(p, kArr));
        Report("point validation (is_valid_point)", () => Ed25519Group.IsValidElement(bytes));
        Report("point add", () => _ = p + p);
        var inv = new byte[32];
        Report("scalar invert", () => Ed25519Group.ScalarInvert(inv, kArr));
        Report("secret alloc+free (arena)", () => SecretHandle.Allocate(32).Dispose());
        Report("sodium_malloc+free (one block/secret)", () => Libsodium.sodium_free(Libsodium.sodium_malloc(32)));
        return 0;
    }

    private static void Report(string name, Action op)
    {
        const int n = 2000;
        var runs = new double[5];
        for (int r = 0; r < runs.Length; r++)
        {
            var sw = Stopwatch.StartNew();
            for (int i = 0; i < n; i++) op();
            runs[r] = sw.Elapsed.TotalMicroseconds / n;
        }
        Array.Sort(runs);
        Console.WriteLine($"{name,-36} {runs[2],8:0.0} µs");
    }
}
