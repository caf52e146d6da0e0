using System.Diagnostics;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Bench.Embedded;

/// <summary>
/// Quick Stopwatch timings of the group primitives on the signing hot path (µs of process CPU per call, median of
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
        GroupCommitment(kArr);
        return 0;
    }

    // issue 17: R = Σ D_i + ρ_i·E_i for 3 signers, libsodium (before) against the variable-time MSM (after)
    private static void GroupCommitment(byte[] seed)
    {
        var d = Enumerable.Range(1, 3).Select(i => Ed25519Group.BaseMul(PublicScalar.FromInt((ulong)(1000 + i)).Encoding)).ToArray();
        var e = Enumerable.Range(1, 3).Select(i => Ed25519Group.BaseMul(PublicScalar.FromInt((ulong)(2000 + i)).Encoding)).ToArray();
        var rho = Enumerable.Range(1, 3).Select(i => PublicScalar.FromTrusted(seed) * PublicScalar.FromInt((ulong)i)).ToArray();
        Report("R, 3 signers: libsodium mul+add", () =>
        {
            var acc = d[0] + Ed25519Group.Mul(e[0], rho[0].Encoding);
            for (var i = 1; i < 3; i++) acc = acc + d[i] + Ed25519Group.Mul(e[i], rho[i].Encoding);
        });
        // fresh Points each call: the decode of D_i and E_i is part of the cost
        var dBytes = d.Select(p => p.ToArray()).ToArray();
        var eBytes = e.Select(p => p.ToArray()).ToArray();
        Report("R, 3 signers: vartime MSM (decode each)", () =>
        {
            var dp = dBytes.Select(b => Point.FromTrusted(b)).ToArray();
            var ep = eBytes.Select(b => Point.FromTrusted(b)).ToArray();
            _ = Ed25519Group.SumVartime(dp, rho, ep);
        });
        Report("R, 3 signers: vartime MSM (decoded)", () => Ed25519Group.SumVartime(d, rho, e));
        Report("vartime single mul (decoded)", () => Ed25519Group.SumVartime([], [rho[0]], [e[0]]));
        var fe = CcTsa.Crypto.Ed25519.Vartime.FieldElement.FromBytes(seed);
        Report("field mul x1000", () => { var x = fe; for (var i = 0; i < 1000; i++) x = CcTsa.Crypto.Ed25519.Vartime.FieldElement.Mul(x, fe); });
        Report("field square x1000", () => { var x = fe; for (var i = 0; i < 1000; i++) x = CcTsa.Crypto.Ed25519.Vartime.FieldElement.Square(x); });
        var ep = e[0].Decoded;
        Report("point double x100", () => { var x = ep; for (var i = 0; i < 100; i++) x = x.Double(); });
        var cached = ep.ToCached();
        Report("point add x100", () => { var x = ep; for (var i = 0; i < 100; i++) x = x.Add(cached); });
        Report("encode", () => ep.Encode());
    }

    private static void Report(string name, Action op)
    {
        const int n = 2000;
        var runs = new double[5];
        using var self = Process.GetCurrentProcess();
        for (int r = 0; r < runs.Length; r++)
        {
            // process CPU time, not wall time: on the shared cores the wall clock mostly measures the neighbours
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            for (int i = 0; i < n; i++) op();
            self.Refresh();
            runs[r] = (self.TotalProcessorTime - cpu).TotalMicroseconds / n;
        }
        Array.Sort(runs);
        Console.WriteLine($"{name,-36} {runs[2],8:0.0} µs");
    }
}
