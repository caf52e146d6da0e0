using System.Text.Json.Serialization;
using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Incidents;

/// <summary>
/// A runbook took charge of a failure (Kind: e.g. "nodeLost", "quorumLost", "clockDrift"), with its
/// context as typed fields: the key epoch current at opening, a partition's sides, a reported
/// compromise time and the reason the operator gave for it. The context fields are optional so that logs written before they existed still
/// decode (there the context is in the incident's first RunbookStepCompleted records, "epoch",
/// "sides" and "reported", which the Incidents projection still reads). Absent fields are not
/// written, so an old event re-encodes to exactly its stored (hashed) bytes.
/// </summary>
public sealed record IncidentOpened(
    IncidentId Id,
    string Kind,
    string Summary,
    IReadOnlyList<NodeId> Nodes,
    DateTimeOffset At,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] KeyEpoch? Epoch = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<IReadOnlyList<NodeId>>? PartitionSides = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CompromisedAt = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
