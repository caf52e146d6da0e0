using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.MlDsa.Dkg;

/// <summary>The DKG's public result: the key and the 10 share commitments D_S (cluster-internal) that redistribution checks against.</summary>
public sealed class DkgTranscript(CeremonyId ceremony, MlDsaPublicKey publicKey, IReadOnlyDictionary<SubsetMask, ReadOnlyMemory<byte>> shareCommitments)
{
    public CeremonyId Ceremony { get; } = ceremony;

    public MlDsaPublicKey PublicKey { get; } = publicKey;

    public IReadOnlyDictionary<SubsetMask, ReadOnlyMemory<byte>> ShareCommitments { get; } = shareCommitments;

    public override string ToString() => $"DkgTranscript({PublicKey})";
}
