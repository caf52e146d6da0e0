using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>
/// A node's SEV-SNP report passed verification (chain, pinned measurement, debug off, TCB).
/// SecureTsc is what the node reported of its clock: "true" (SEV_STATUS Secure TSC and the TSC as
/// clocksource), "false", or "unknown" (unreadable, and from events that predate the field).
/// </summary>
public sealed record NodeAttested(NodeId Node, string Provider, string MeasurementHex, string ChipIdHex, DateTimeOffset At, string SecureTsc = "unknown");
