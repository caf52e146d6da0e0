using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>DKG round 2 broadcast: the sender's ρ contribution (public: ρ is public).</summary>
public sealed class DkgRhoReveal(ParticipantId from, ReadOnlyMemory<byte> rho)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> Rho { get; } = rho;

    public override string ToString() => $"DkgRhoReveal({From})";
}
