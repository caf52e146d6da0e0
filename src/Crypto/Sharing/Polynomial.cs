using System.Collections.Immutable;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Sharing;

/// <summary>
/// A secret polynomial f(x) = a_0 + a_1 x + … + a_{t−1} x^{t−1} over the scalar field, its
/// coefficients in one sodium_malloc block. Used by the DKG (random a_0) and by proactive refresh
/// (a_0 = 0). Sealed, disposable, never printed or serialized.
/// </summary>
public sealed class Polynomial : IDisposable
{
    private readonly SecretHandle _coefficients;

    private Polynomial(SecretHandle coefficients, int threshold)
    {
        _coefficients = coefficients;
        Threshold = threshold;
    }

    /// <summary>Number of coefficients (degree + 1).</summary>
    public int Threshold { get; }

    /// <summary>Random polynomial of t coefficients; the constant term zero when <paramref name="zeroConstant"/>.</summary>
    internal static Polynomial Random(int threshold, bool zeroConstant)
    {
        if (threshold < 2) throw Throw.Argument(nameof(threshold), "Threshold must be at least 2.");
        var h = SecretHandle.Allocate(threshold * 32);
        var span = h.Span;
        for (int k = zeroConstant ? 1 : 0; k < threshold; k++) Ed25519Group.ScalarRandom(span.Slice(k * 32, 32));
        return new Polynomial(h, threshold);
    }

    /// <summary>Polynomial from given coefficients (test vectors); each must be canonical.</summary>
    internal static Polynomial FromCoefficients(IReadOnlyList<Scalar> coefficients)
    {
        var h = SecretHandle.Allocate(coefficients.Count * 32);
        for (int k = 0; k < coefficients.Count; k++) coefficients[k].Secret.CopyTo(h.Span.Slice(k * 32, 32));
        return new Polynomial(h, coefficients.Count);
    }

    internal ReadOnlySpan<byte> Coefficient(int k) => _coefficients.Span.Slice(k * 32, 32);

    /// <summary>f(x) by Horner's rule, into fresh secret memory.</summary>
    internal Scalar Evaluate(ParticipantId x)
    {
        var result = Scalar.Zeroed();
        var acc = result.Writable;
        Span<byte> xs = stackalloc byte[32];
        x.WriteTo(xs);
        Span<byte> tmp = stackalloc byte[32];
        try
        {
            for (int k = Threshold - 1; k >= 0; k--)
            {
                Ed25519Group.ScalarMul(tmp, acc, xs);
                Ed25519Group.ScalarAdd(acc, tmp, Coefficient(k));
            }
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(tmp);
        }
        return result;
    }

    /// <summary>The Feldman commitment φ_k = a_k·B (φ_0 is the identity for a zero constant).</summary>
    public FeldmanCommitment Commit()
    {
        var points = ImmutableArray.CreateBuilder<Point>(Threshold);
        for (int k = 0; k < Threshold; k++) points.Add(Ed25519Group.BaseMul(Coefficient(k)));
        return new FeldmanCommitment(points.MoveToImmutable());
    }

    public void Dispose() => _coefficients.Dispose();

    public override string ToString() => "Polynomial([redacted])";
}
