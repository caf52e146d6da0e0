using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>A dealer's secret polynomial f_i (t coefficients, sodium memory) between DKG or refresh parts. Wiped on Dispose.</summary>
public sealed class DkgSecret : IDisposable
{
    internal DkgSecret(ParticipantId self, IReadOnlyList<ParticipantId> participants, byte[] context, Polynomial<P384PrimeOrderGroup, P384Point> polynomial)
    {
        Self = self;
        Participants = participants;
        Context = context;
        Polynomial = polynomial;
    }

    public ParticipantId Self { get; }

    public int Threshold => Polynomial.Threshold;

    public IReadOnlyList<ParticipantId> Participants { get; }

    internal byte[] Context { get; }

    internal Polynomial<P384PrimeOrderGroup, P384Point> Polynomial { get; }

    /// <summary>f_i(j) for every other participant j, each in its own secret memory.</summary>
    internal IReadOnlyList<DkgRound2> Deal() =>
        [.. Participants.Where(j => j != Self).Select(j => new DkgRound2(Self, j, Polynomial.Evaluate(j)))];

    public void Dispose() => Polynomial.Dispose();

    public override string ToString() => $"DkgSecret({Self}, [redacted])";
}
