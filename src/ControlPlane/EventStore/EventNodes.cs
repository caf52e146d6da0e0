using System.Collections.Concurrent;
using System.Reflection;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// The node ids an event mentions (any NodeId property, list of them, or list of lists), found once
/// per type by reflection and cached. Drives the `node=` filter of the audit query.
/// </summary>
public static class EventNodes
{
    private static readonly ConcurrentDictionary<Type, Func<object, IEnumerable<NodeId>>> Readers = new();

    public static IReadOnlyList<NodeId> Of(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Readers.GetOrAdd(data.GetType(), Build)(data).Distinct().ToList();
    }

    public static bool Mentions(object data, NodeId node) => Of(data).Contains(node);

    private static Func<object, IEnumerable<NodeId>> Build(Type type)
    {
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(NodeId)
                        || typeof(IEnumerable<NodeId>).IsAssignableFrom(p.PropertyType)
                        || typeof(IEnumerable<IEnumerable<NodeId>>).IsAssignableFrom(p.PropertyType))
            .ToArray();
        return data => props.SelectMany(p => p.GetValue(data) switch
        {
            NodeId n => [n],
            IEnumerable<NodeId> list => list,
            IEnumerable<IEnumerable<NodeId>> lists => lists.SelectMany(l => l),
            _ => [],
        });
    }
}
