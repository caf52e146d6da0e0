using CcTsa.Crypto.MlDsa;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// The hyperball sampler, statistically (its floats are not bit-exact across languages): every
/// point lies in the ellipsoid ‖y‖²/ν² + ‖e‖² ≤ r′², the weighted norm concentrates at
/// r′·D/(D+1), and per-coordinate variance is r′²/(D+2) for e and ν² times that for y.
/// </summary>
public sealed class HyperballTests
{
    [Fact]
    public void Samples_are_uniform_in_the_nu_scaled_ellipsoid()
    {
        const int samples = 40, d = Hyperball.Dimension, yCoords = MlDsa65.N * MlDsa65.L;
        var x = new double[d];
        var scratch = new byte[Hyperball.RandomBytes];
        var seed = new byte[64];
        new Random(11).NextBytes(seed);
        double sumNorm = 0, varY = 0, varE = 0;
        for (var s = 0; s < samples; s++)
        {
            Hyperball.Sample(seed, (ushort)s, x, scratch);
            double n2 = 0;
            for (var i = 0; i < d; i++)
            {
                n2 += i < yCoords ? x[i] * x[i] / (ThresholdParams.Nu * ThresholdParams.Nu) : x[i] * x[i];
                if (i < yCoords) varY += x[i] * x[i]; else varE += x[i] * x[i];
            }
            Assert.True(Math.Sqrt(n2) <= ThresholdParams.SamplingRadius * (1 + 1e-12));
            Assert.False(Hyperball.Exceeds(x, ThresholdParams.SamplingRadius * (1 + 1e-12)));
            sumNorm += Math.Sqrt(n2);
        }
        var r = ThresholdParams.SamplingRadius;
        Assert.InRange(sumNorm / samples, r * d / (d + 1) * 0.995, r);
        var expectedVar = r * r / (d + 2);
        Assert.InRange(varE / (samples * (d - yCoords)), expectedVar * 0.95, expectedVar * 1.05);
        Assert.InRange(varY / (samples * yCoords) / (ThresholdParams.Nu * ThresholdParams.Nu), expectedVar * 0.95, expectedVar * 1.05);
    }

    [Fact]
    public void Rounding_is_half_away_from_zero_as_in_the_reference()
    {
        Assert.Equal(3, Hyperball.Round(2.5));
        Assert.Equal(-3, Hyperball.Round(-2.5));
        Assert.Equal(2, Hyperball.Round(2.4999));
    }
}
