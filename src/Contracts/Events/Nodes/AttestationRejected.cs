using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Nodes;

/// <summary>A node's attestation failed; it never receives a share. Reason says which check failed.</summary>
public sealed record AttestationRejected(NodeId Node, string Provider, string MeasurementHex, string Reason, DateTimeOffset At);
