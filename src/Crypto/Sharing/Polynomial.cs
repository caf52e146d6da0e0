using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A secret polynomial f(x) = a_0 + a_1 x + … + a_{t−1} x^{t−1} over the scalar field of
/// <typeparamref name="TGroup"/>, its coefficients in one sodium_malloc block. Used by the DKG
/// (random a_0) and by proactive refresh (a_0 = 0), for every group. Sealed, disposable, never
/// printed or serialized.
/// </summary>
internal sealed class Polynomial<TGroup, TPoint> : IDisposable
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    /// <summary>Writes coefficient k into <paramref name="destination"/> (test vectors).</summary>
    internal delegate void CoefficientWriter(int k, Span<byte> destination);

    private static int Size => TGroup.ScalarSize;

    private readonly SecretHandle _coefficients;

    private Polynomial(SecretHandle coefficients, int threshold)
    {
        _coefficients = coefficients;
        Threshold = threshold;
    }

    /// <summary>Number of coefficients (degree + 1).</summary>
    public int Threshold { get; }

    /// <summary>Random polynomial of t coefficients; the constant term zero when <paramref name="zeroConstant"/>.</summary>
    internal static Polynomial<TGroup, TPoint> Random(int threshold, bool zeroConstant)
    {
        if (threshold < 2) throw Throw.Argument(nameof(threshold), "Threshold must be at least 2.");
        var h = SecretHandle.Allocate(threshold * Size);
        for (int k = zeroConstant ? 1 : 0; k < threshold; k++) TGroup.ScalarRandom(h.Span.Slice(k * Size, Size));
        return new Polynomial<TGroup, TPoint>(h, threshold);
    }

    /// <summary>Polynomial from given coefficients (test vectors); each must be canonical.</summary>
    internal static Polynomial<TGroup, TPoint> FromCoefficients(int threshold, CoefficientWriter write)
    {
        var h = SecretHandle.Allocate(threshold * Size);
        for (int k = 0; k < threshold; k++)
        {
            var slot = h.Span.Slice(k * Size, Size);
            write(k, slot);
            if (!TGroup.IsCanonicalScalar(slot)) throw Throw.Invariant("polynomial coefficient not canonical");
        }
        return new Polynomial<TGroup, TPoint>(h, threshold);
    }

    internal ReadOnlySpan<byte> Coefficient(int k) => _coefficients.Span.Slice(k * Size, Size);

    /// <summary>f(x) by Horner's rule, into fresh secret memory.</summary>
    internal SecretHandle Evaluate(ParticipantId x)
    {
        var result = SecretHandle.Allocate(Size);
        var acc = result.Span;
        Span<byte> xs = stackalloc byte[Size];
        TGroup.ScalarFromInt(xs, (ulong)x.Value);
        Span<byte> tmp = stackalloc byte[Size];
        try
        {
            for (int k = Threshold - 1; k >= 0; k--)
            {
                TGroup.ScalarMul(tmp, acc, xs);
                TGroup.ScalarAdd(acc, tmp, Coefficient(k));
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(tmp);
        }
        return result;
    }

    /// <summary>The Feldman commitment φ_k = a_k·G (φ_0 is the identity for a zero constant).</summary>
    internal TPoint[] Commit()
    {
        var points = new TPoint[Threshold];
        for (int k = 0; k < Threshold; k++) points[k] = TGroup.BaseMul(Coefficient(k));
        return points;
    }

    public void Dispose() => _coefficients.Dispose();

    public override string ToString() => $"Polynomial<{TGroup.Name}>([redacted])";
}
