using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>A node stopped answering (crash, host loss, provider outage); its in-memory share is gone.</summary>
public sealed record NodeLost(NodeId Node, string Reason, DateTimeOffset At);
