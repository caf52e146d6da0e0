using CcTsa.Contracts.Ids;
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

/// <summary>DKG round 2 broadcast: the sender's ρ contribution (public: ρ is public).</summary>
public sealed class DkgRhoReveal(ParticipantId from, ReadOnlyMemory<byte> rho)
{
    public ParticipantId From { get; } = from;

    public ReadOnlyMemory<byte> Rho { get; } = rho;

    public override string ToString() => $"DkgRhoReveal({From})";
}

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

/// <summary>The DKG's public result: the key and the 10 share commitments D_S (cluster-internal) that redistribution checks against.</summary>
public sealed class DkgTranscript(CeremonyId ceremony, MlDsaPublicKey publicKey, IReadOnlyDictionary<SubsetMask, ReadOnlyMemory<byte>> shareCommitments)
{
    public CeremonyId Ceremony { get; } = ceremony;

    public MlDsaPublicKey PublicKey { get; } = publicKey;

    public IReadOnlyDictionary<SubsetMask, ReadOnlyMemory<byte>> ShareCommitments { get; } = shareCommitments;

    public override string ToString() => $"DkgTranscript({PublicKey})";
}
