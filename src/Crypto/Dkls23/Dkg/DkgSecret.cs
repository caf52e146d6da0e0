using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>A dealer's secret polynomial f_i (t coefficients, sodium memory) between DKG parts. Wiped on Dispose.</summary>
public sealed class DkgSecret : IDisposable
{
    private readonly SecretHandle _coefficients;

    internal DkgSecret(ParticipantId self, int threshold, IReadOnlyList<ParticipantId> participants, byte[] context, SecretHandle coefficients)
    {
        Self = self;
        Threshold = threshold;
        Participants = participants;
        Context = context;
        _coefficients = coefficients;
    }

    public ParticipantId Self { get; }

    public int Threshold { get; }

    public IReadOnlyList<ParticipantId> Participants { get; }

    internal byte[] Context { get; }

    /// <summary>f_i(x) by Horner's rule.</summary>
    internal P384Scalar Evaluate(ParticipantId x)
    {
        var xs = P384Scalar.FromInt(x.Value);
        var acc = P384Scalar.Zero;
        for (var k = Threshold - 1; k >= 0; k--) acc = (acc * xs) + Coefficient(k);
        return acc;
    }

    internal P384Scalar Coefficient(int k) =>
        P384Scalar.TryDecode(_coefficients.Span.Slice(k * P384Scalar.Size, P384Scalar.Size), out var s) ? s : throw new InvalidOperationException("Corrupt coefficient.");

    public void Dispose() => _coefficients.Dispose();

    public override string ToString() => $"DkgSecret({Self}, [redacted])";
}
