using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Cluster;

/// <summary>A node's clock is within tolerance again after <paramref name="GoodRounds"/> consecutive checks.</summary>
public sealed record ClockRecovered(NodeId Node, double OffsetMicroseconds, int GoodRounds, DateTimeOffset At);
