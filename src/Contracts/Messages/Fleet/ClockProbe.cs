namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>TriHaRd probe between peers: T1 is the sender's trusted-clock reading (UTC ticks).</summary>
public sealed record ClockProbe(NodeId From, NodeId To, long T1Ticks);
