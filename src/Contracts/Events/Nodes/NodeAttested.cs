using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>A node's SEV-SNP report passed verification (chain, pinned measurement, debug off, TCB).</summary>
public sealed record NodeAttested(NodeId Node, string Provider, string MeasurementHex, string ChipIdHex, DateTimeOffset At);
