using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The hyperball nonce sampler (reference SampleHyperball, internal/sample.go): a point uniform in
/// the ellipsoid ‖y‖²/ν² + ‖e‖² ≤ r′² of dimension D = 2816, from D + 2 Box–Muller Gaussians read as
/// u64 pairs from SHAKE256("H" ‖ ρ″ ‖ LE16(slot)) and normalised (D + 2 Gaussians with 2 dropped
/// give a uniform point of the D-ball). The sum of squares is taken before the ν scaling of the
/// first 256·L coordinates, as the reference does; the summation order is kept so the outputs
/// match it up to the last-ulp differences of Log/Cos/Sin.
/// </summary>
internal static class Hyperball
{
    public const int Dimension = ThresholdParams.Dimension;
    public const int RandomBytes = (Dimension + 2) * 8;
    private const int YCoordinates = MlDsa65.N * MlDsa65.L;
    private const double TwoTo64 = 18446744073709551616.0;

    /// <summary>Slots drawn per <see cref="Draw"/> call: one per Vector256 lane.</summary>
    public const int Streams = 4;

    private const int InputBytes = 1 + 64 + 2;

    /// <summary>Pairs the vector path draws: all whole groups of four among the D/2 + 1 pairs (1408 of 1409).</summary>
    private const int VectorPairs = (Dimension / 2 + 1) / 4 * 4;

    /// <summary>Writes the sample into <paramref name="x"/> (D doubles); <paramref name="scratch"/> (RandomBytes) is secret scratch the caller wipes.</summary>
    public static void Sample(ReadOnlySpan<byte> rhoPrime, ushort slot, Span<double> x, Span<byte> scratch) =>
        Sample(rhoPrime, slot, x, scratch, Avx2.IsSupported);

    /// <summary>As above; <paramref name="vector"/> false forces the scalar loop (the fallback, and the tests' reference).</summary>
    internal static void Sample(ReadOnlySpan<byte> rhoPrime, ushort slot, Span<double> x, Span<byte> scratch, bool vector)
    {
        // One-shot SHAKE256 through OpenSSL (as Dkls23's Oracle uses it): BouncyCastle's managed
        // Keccak made the 22.5 KB per slot most of Round 1. Signers draw four slots at once (Draw).
        Span<byte> input = stackalloc byte[InputBytes];
        try
        {
            StreamInput(rhoPrime, slot, input);
            Shake256.HashData(input, scratch[..RandomBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
        FromRandom(scratch, x, vector);
    }

    /// <summary>
    /// The SHAKE256 bytes of slots first … first + count − 1 (count ≤ 4), slot k's at
    /// random[k·RandomBytes ..]: the same bytes as <see cref="Sample(ReadOnlySpan{byte}, ushort, Span{double}, Span{byte})"/>
    /// draws, four streams per Keccak permutation with AVX2 (OpenSSL per slot without). Both spans
    /// are secret scratch the caller wipes; the Keccak state is wiped here.
    /// </summary>
    public static void Draw(ReadOnlySpan<byte> rhoPrime, int first, int count, Span<byte> random, Span<Vector256<ulong>> keccak)
    {
        if (count is < 1 or > Streams) throw new ArgumentOutOfRangeException(nameof(count), count, $"Draw takes 1 to {Streams} slots.");
        Span<byte> inputs = stackalloc byte[Streams * InputBytes];
        try
        {
            // Lanes past count repeat the last slot into its own buffer: same bytes written twice.
            for (var k = 0; k < Streams; k++) StreamInput(rhoPrime, (ushort)(first + Math.Min(k, count - 1)), inputs.Slice(k * InputBytes, InputBytes));
            if (!Shake256x4.IsSupported)
            {
                for (var k = 0; k < count; k++) Shake256.HashData(inputs.Slice(k * InputBytes, InputBytes), Stream(random, k));
                return;
            }
            Shake256x4.HashData(inputs[..InputBytes], inputs.Slice(InputBytes, InputBytes), inputs.Slice(2 * InputBytes, InputBytes), inputs.Slice(3 * InputBytes, InputBytes),
                Stream(random, 0), Stream(random, Math.Min(1, count - 1)), Stream(random, Math.Min(2, count - 1)), Stream(random, Math.Min(3, count - 1)), keccak);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(inputs);
        }
    }

    /// <summary>Slot k's RandomBytes within a <see cref="Draw"/> buffer.</summary>
    public static Span<byte> Stream(Span<byte> random, int k) => random.Slice(k * RandomBytes, RandomBytes);

    /// <summary>"H" ‖ ρ″ ‖ LE16(slot): the SHAKE256 input of one slot's stream.</summary>
    private static void StreamInput(ReadOnlySpan<byte> rhoPrime, ushort slot, Span<byte> input)
    {
        input[0] = (byte)'H';
        rhoPrime.CopyTo(input[1..]);
        input[65] = (byte)slot;
        input[66] = (byte)(slot >> 8);
    }

    /// <summary>The sample from one slot's RandomBytes (as drawn by <see cref="Draw"/>).</summary>
    public static void FromRandom(ReadOnlySpan<byte> scratch, Span<double> x) => FromRandom(scratch, x, Avx2.IsSupported);

    internal static void FromRandom(ReadOnlySpan<byte> scratch, Span<double> x, bool vector)
    {
        var sq = vector ? GaussiansAvx2(scratch, x) : 0.0;
        for (var i = vector ? VectorPairs * 2 : 0; i < Dimension + 2; i += 2)
        {
            var f1 = BinaryPrimitives.ReadUInt64LittleEndian(scratch.Slice(i * 8, 8)) / TwoTo64;
            var f2 = BinaryPrimitives.ReadUInt64LittleEndian(scratch.Slice((i + 1) * 8, 8)) / TwoTo64;
            // f1 = 0 (probability 2^-64) would make ln f1 infinite: an internal fault, not a sample.
            if (f1 == 0) throw new InvalidOperationException("Hyperball sampler drew u1 = 0.");
            var rad = Math.Sqrt(-2 * Math.Log(f1));
            // One sincos instead of a Cos and a Sin call: the libm pair was a third of Round 1.
            var (sin, cos) = Math.SinCos(2 * Math.PI * f2);
            var z1 = rad * cos;
            var z2 = rad * sin;
            sq += z1 * z1;
            sq += z2 * z2;
            if (i < YCoordinates)
            {
                z1 *= ThresholdParams.Nu;
                z2 *= ThresholdParams.Nu;
            }
            if (i < Dimension) x[i] = z1;
            if (i + 1 < Dimension) x[i + 1] = z2;
        }
        var factor = ThresholdParams.SamplingRadius / Math.Sqrt(sq);
        for (var i = 0; i < Dimension; i++) x[i] *= factor;
    }

    /// <summary>
    /// Box–Muller four pairs at a time (Vector256 Log, Sqrt, SinCos: no libm call per pair) for
    /// the first <see cref="VectorPairs"/> pairs; returns their Σ z². Floating point stays outside
    /// the constant-time claims, as before (SECURITY.md, threshold ML-DSA-65).
    /// Pairs are taken in lane order 0, 2, 1, 3 and written back in the same order, so each x[i]
    /// is the pair the scalar loop would put there. Sums are per lane, so sq differs from the
    /// scalar loop's in the last bits, like the libm-versus-Go differences already accepted.
    /// </summary>
    private static double GaussiansAvx2(ReadOnlySpan<byte> random, Span<double> x)
    {
        ref var u = ref Unsafe.As<byte, ulong>(ref MemoryMarshal.GetReference(random[..(VectorPairs * 16)]));
        ref var dst = ref MemoryMarshal.GetReference(x[..(VectorPairs * 2)]);
        var scale = Vector256.Create(1 / TwoTo64);
        var minusTwo = Vector256.Create(-2.0);
        var twoPi = Vector256.Create(2 * Math.PI);
        var nu = Vector256.Create(ThresholdParams.Nu);
        var sq = Vector256<double>.Zero;
        for (var i = 0; i < VectorPairs * 2; i += 8)
        {
            var v0 = Vector256.LoadUnsafe(ref u, (nuint)i);
            var v1 = Vector256.LoadUnsafe(ref u, (nuint)i + 4);
            var f1 = Vector256.ConvertToDouble(Avx2.UnpackLow(v0, v1)) * scale;
            var f2 = Vector256.ConvertToDouble(Avx2.UnpackHigh(v0, v1)) * scale;
            if (Vector256.EqualsAny(f1, Vector256<double>.Zero)) throw new InvalidOperationException("Hyperball sampler drew u1 = 0.");
            var rad = Vector256.Sqrt(minusTwo * Vector256.Log(f1));
            var (sin, cos) = Vector256.SinCos(twoPi * f2);
            var z1 = rad * cos;
            var z2 = rad * sin;
            sq += z1 * z1;
            sq += z2 * z2;
            if (i < YCoordinates)
            {
                z1 *= nu;
                z2 *= nu;
            }
            Avx.UnpackLow(z1, z2).StoreUnsafe(ref dst, (nuint)i);
            Avx.UnpackHigh(z1, z2).StoreUnsafe(ref dst, (nuint)i + 4);
        }
        return Vector256.Sum(sq);
    }

    /// <summary>‖v_y‖²/ν² + ‖v_e‖² &gt; r²: the response would leak, reject it.</summary>
    public static bool Exceeds(ReadOnlySpan<double> v, double radius)
    {
        double sq = 0;
        for (var i = 0; i < Dimension; i++)
            sq += i < YCoordinates ? v[i] * v[i] / (ThresholdParams.Nu * ThresholdParams.Nu) : v[i] * v[i];
        return sq > radius * radius;
    }

    /// <summary>Go's math.Round (half away from zero), not .NET's default banker's rounding.</summary>
    public static int Round(double v) => (int)Math.Round(v, MidpointRounding.AwayFromZero);

    /// <summary>dst[i] = <see cref="Round(double)"/>(x[i]) for |x[i]| &lt; 2^31, four at a time with AVX.</summary>
    public static void RoundAll(ReadOnlySpan<double> x, Span<int> dst) => RoundAll(x, dst, Avx.IsSupported);

    /// <summary>As above; <paramref name="vector"/> false forces the scalar loop (the fallback, and the tests' reference).</summary>
    internal static void RoundAll(ReadOnlySpan<double> x, Span<int> dst, bool vector)
    {
        if (dst.Length != x.Length) throw new ArgumentException($"dst ({dst.Length}) must match x ({x.Length}).", nameof(dst));
        var i = 0;
        if (vector)
        {
            // Truncate, then step away from zero when the dropped fraction (exact: v − trunc v) is ≥ ½:
            // Math.Round's AwayFromZero definition, so the results are the scalar ones bit for bit.
            ref var src = ref MemoryMarshal.GetReference(x);
            ref var d = ref MemoryMarshal.GetReference(dst);
            var half = Vector256.Create(0.5);
            var one = Vector256.Create(1.0);
            for (; i + Vector256<double>.Count <= x.Length; i += Vector256<double>.Count)
            {
                var v = Vector256.LoadUnsafe(ref src, (nuint)i);
                var t = Avx.RoundToZero(v);
                var step = Vector256.ConditionalSelect(Vector256.LessThan(v, Vector256<double>.Zero), -one, one);
                var r = t + (Vector256.GreaterThanOrEqual(Vector256.Abs(v - t), half) & step);
                Avx.ConvertToVector128Int32WithTruncation(r).StoreUnsafe(ref d, (nuint)i);
            }
        }
        for (; i < x.Length; i++) dst[i] = Round(x[i]);
    }
}
