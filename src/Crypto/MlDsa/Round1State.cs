using System.ComponentModel;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// A signer's secret state between rounds of one run: the 64-byte nonce seed ρ″ (the 62 hyperball
/// samples are re-derived from it in Round 3 rather than kept as 1.4 MB of doubles), its public W,
/// and what Round 2 fixed (the commitments it accepted, μ). Single use: Round 3 consumes and wipes
/// it, and a second response from the same nonces — which would leak c·s_i — is refused.
/// </summary>
public sealed class Round1State : IDisposable
{
    private readonly SecretHandle _rhoPrime;

    internal Round1State(PartyKeyShare share, MlDsaSession session, SecretHandle rhoPrime, byte[] revealed)
    {
        Share = share;
        Session = session;
        _rhoPrime = rhoPrime;
        Revealed = revealed;
    }

    internal PartyKeyShare Share { get; }

    public MlDsaSession Session { get; }

    internal byte[] Revealed { get; }

    internal IReadOnlyList<Commitment>? Commitments { get; set; }

    internal byte[]? Mu { get; set; }

    public bool IsConsumed => _rhoPrime.IsClosed;

    internal ReadOnlySpan<byte> RhoPrime => _rhoPrime.Span;

    public void Dispose() => _rhoPrime.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round1State({Share.Party}, run {Session.Run}, [redacted])";
}
