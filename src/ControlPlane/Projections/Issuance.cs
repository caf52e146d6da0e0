using System.Collections.Immutable;
using CcTsa.Contracts.Events.Issuance;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Issuance counts by epoch and policy, serial uniqueness (any repeat is listed in
/// DuplicateSerials — invariant 7 says it stays empty) and the latest audit anchor.
/// </summary>
public sealed record Issuance
{
    public long Total { get; init; }
    public ImmutableSortedDictionary<int, long> ByEpoch { get; init; } = ImmutableSortedDictionary<int, long>.Empty;
    public ImmutableSortedDictionary<string, long> ByPolicy { get; init; } = ImmutableSortedDictionary<string, long>.Empty;
    public ImmutableSortedSet<string> Serials { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    public ImmutableList<string> DuplicateSerials { get; init; } = [];
    public AuditAnchored? LastAnchor { get; init; }

    public Issuance Apply(TokenIssued e)
    {
        var serial = e.Serial.ToHex();
        return this with
        {
            Total = Total + 1,
            ByEpoch = ByEpoch.SetItem(e.Epoch.Number, ByEpoch.GetValueOrDefault(e.Epoch.Number) + 1),
            ByPolicy = ByPolicy.SetItem(e.Policy, ByPolicy.GetValueOrDefault(e.Policy) + 1),
            Serials = Serials.Add(serial),
            DuplicateSerials = Serials.Contains(serial) ? DuplicateSerials.Add(serial) : DuplicateSerials,
        };
    }

    public Issuance Apply(AuditAnchored e) => this with { LastAnchor = e };
}
