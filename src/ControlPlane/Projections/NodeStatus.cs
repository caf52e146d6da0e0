using System.Collections.Immutable;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Projections;

/// <summary>One node in the roster. ShareEpochs: epochs whose share it holds in memory now.</summary>
public sealed record NodeStatus(NodeId Id)
{
    public string Provider { get; init; } = "";
    public bool Online { get; init; }
    public bool Attested { get; init; }
    public bool Rejected { get; init; }
    public string MeasurementHex { get; init; } = "";
    public bool ClockHealthy { get; init; } = true;
    public bool Excluded { get; init; }
    public ImmutableSortedSet<int> ShareEpochs { get; init; } = [];
    public string LastReason { get; init; } = "";
    public DateTimeOffset? LastChange { get; init; }

    public bool HoldsShare(int epoch) => ShareEpochs.Contains(epoch);

    /// <summary>Can take part in signing: online, attested, clock healthy, not excluded, holds the epoch's share.</summary>
    public bool CanSign(int epoch) => Online && Attested && ClockHealthy && !Excluded && HoldsShare(epoch);
}
