using CcTsa.Contracts.Events;

namespace CcTsa.ControlPlane.Audit;

/// <summary>One page of the audit query; pass <see cref="Next"/> as `after` for the next page (null: no more).</summary>
public sealed record AuditPage(IReadOnlyList<EventEnvelope> Events, long? Next);
