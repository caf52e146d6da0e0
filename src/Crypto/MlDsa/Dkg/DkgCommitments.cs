using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>DKG round 1 broadcast: H(ρ_i) and, per subset the sender holds (ascending), H(r_{i,S}).</summary>
public sealed class DkgCommitments(ParticipantId from, ReadOnlyMemory<byte> rhoCommitment, IReadOnlyList<ReadOnlyMemory<byte>> seedCommitments)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> RhoCommitment { get; } = rhoCommitment;

    public IReadOnlyList<ReadOnlyMemory<byte>> SeedCommitments { get; } = seedCommitments;

    public override string ToString() => $"DkgCommitments({From})";
}
