using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>
/// DKG round 3 broadcast: M_i = Σ_{S: min S = i} (A·s1^S + s2^S) plus pairwise masks that cancel
/// in Σ_i M_i = t (K polynomials, 23-bit packed), and D_S = H(seed_S) for every subset held.
/// </summary>
public sealed class DkgMaskedKey(ParticipantId from, ReadOnlyMemory<byte> masked, IReadOnlyList<ReadOnlyMemory<byte>> shareCommitments)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> Masked { get; } = masked;

    public IReadOnlyList<ReadOnlyMemory<byte>> ShareCommitments { get; } = shareCommitments;

    public override string ToString() => $"DkgMaskedKey({From})";
}
