using System.Buffers.Binary;
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

    /// <summary>Writes the sample into <paramref name="x"/> (D doubles); <paramref name="scratch"/> (RandomBytes) is secret scratch the caller wipes.</summary>
    public static void Sample(ReadOnlySpan<byte> rhoPrime, ushort slot, Span<double> x, Span<byte> scratch)
    {
        // One-shot SHAKE256 through OpenSSL (as Dkls23's Oracle uses it): this is 22.5 KB per slot,
        // 1.4 MB per party and run, and BouncyCastle's managed Keccak made it most of Round 1.
        Span<byte> input = stackalloc byte[1 + 64 + 2];
        try
        {
            input[0] = (byte)'H';
            rhoPrime.CopyTo(input[1..]);
            input[65] = (byte)slot;
            input[66] = (byte)(slot >> 8);
            Shake256.HashData(input, scratch[..RandomBytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }

        double sq = 0;
        for (var i = 0; i < Dimension + 2; i += 2)
        {
            var f1 = BinaryPrimitives.ReadUInt64LittleEndian(scratch.Slice(i * 8, 8)) / 18446744073709551616.0;
            var f2 = BinaryPrimitives.ReadUInt64LittleEndian(scratch.Slice((i + 1) * 8, 8)) / 18446744073709551616.0;
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
}
