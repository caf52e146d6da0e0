using CcTsa.Contracts.Events;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// Filter of the audit query: event type alias, store-time range [From, To] inclusive, and a node
/// mentioned in the event. Null members do not filter. Stores push what they can into SQL and
/// use <see cref="Matches"/> for the rest.
/// </summary>
public sealed record EventFilter(string? Type = null, DateTimeOffset? From = null, DateTimeOffset? To = null, NodeId? Node = null)
{
    public static EventFilter All { get; } = new();

    public bool Matches(EventEnvelope e) =>
        (Type is null || string.Equals(e.Type, Type, StringComparison.Ordinal))
        && (From is null || e.Timestamp >= From)
        && (To is null || e.Timestamp <= To)
        && (Node is null || EventNodes.Mentions(e.Data, Node.Value));
}
