namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>Reply to <see cref="ClockProbe"/>: T2 receive and T3 send times on the answering node (UTC ticks).</summary>
public sealed record ClockProbeAnswered(NodeId From, NodeId To, long T1Ticks, long T2Ticks, long T3Ticks);
