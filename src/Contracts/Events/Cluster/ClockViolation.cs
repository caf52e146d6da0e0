using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Cluster;

/// <summary>
/// A node's clock differed from the peer median (TriHaRd) or its NTS sources by more than the
/// tolerance: |offset| − RTT/2 &gt; tolerance, in microseconds. Source is "triHaRd" or "nts".
/// </summary>
public sealed record ClockViolation(NodeId Node, string Source, double OffsetMicroseconds, double RttMicroseconds, double ToleranceMicroseconds, DateTimeOffset At);
