using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One activated key epoch: scheme, group public key (hex), share holders at activation.</summary>
public sealed record EpochInfo(int Epoch, string Scheme, string GroupPublicKeyHex, IReadOnlyList<NodeId> ShareHolders, CeremonyId Ceremony, DateTimeOffset ActivatedAt);
