using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>A signer process came up and announced itself (online, not yet attested).</summary>
public sealed record NodeStarted(NodeId Node, string Provider, DateTimeOffset At);
