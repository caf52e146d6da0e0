using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// One activated key epoch: scheme, group public key (hex) and share holders of its first (FROST)
/// activation, and every scheme's public key (hex) activated for it, by scheme name
/// ("frost-ed25519", "ecdsa-p384"): the same ceremony makes the threshold-ECDSA key beside the FROST one.
/// </summary>
public sealed record EpochInfo(int Epoch, string Scheme, string GroupPublicKeyHex, IReadOnlyList<NodeId> ShareHolders, CeremonyId Ceremony, DateTimeOffset ActivatedAt)
{
    public System.Collections.Immutable.ImmutableSortedDictionary<string, string> PublicKeys { get; init; } = System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty;
}
