using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Parameters of GET /api/events and `cctsa audit query`: type (alias "clock_violation" or name
/// "ClockViolation"), after (sequence cursor), from/to (store time, inclusive), node, limit.
/// </summary>
public sealed record AuditQueryFilter(string? Type = null, long After = 0, DateTimeOffset? From = null, DateTimeOffset? To = null, NodeId? Node = null, int Limit = AuditQuery.DefaultLimit);
