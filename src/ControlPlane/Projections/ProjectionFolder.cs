using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Linq.Expressions;
using System.Reflection;
using CcTsa.Contracts.Events;

namespace CcTsa.ControlPlane.Projections;

/// <summary>
/// Folds a projection over events: starts from <c>new T()</c> and calls the public instance
/// <c>T Apply(TEvent)</c> method for each event type the projection handles (others are skipped).
/// The same convention Marten's live aggregation uses, so one set of types serves both stores.
/// The per-type dispatch table is built once, by compiled expressions, and cached.
/// </summary>
public static class ProjectionFolder
{
    /// <summary>The projection types of the control plane.</summary>
    public static IReadOnlyList<Type> ProjectionTypes { get; } =
        [typeof(ClusterHealth), typeof(KeyEpochs), typeof(Certificates), typeof(Incidents)];

    public static T Apply<T>(T state, object @event) where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(@event);
        return Dispatch<T>.Table.TryGetValue(@event.GetType(), out var apply) ? apply(state, @event) : state;
    }

    public static T Fold<T>(IEnumerable<object> events, T? state = null) where T : class, new()
    {
        var s = state ?? new T();
        foreach (var e in events) s = Apply(s, e);
        return s;
    }

    public static T Fold<T>(IEnumerable<EventEnvelope> events, T? state = null) where T : class, new() =>
        Fold(events.Select(e => e.Data), state);

    public static async Task<T> FoldAsync<T>(IAsyncEnumerable<EventEnvelope> events, T? state = null, CancellationToken ct = default) where T : class, new()
    {
        var s = state ?? new T();
        await foreach (var e in events.WithCancellation(ct).ConfigureAwait(false)) s = Apply(s, e.Data);
        return s;
    }

    /// <summary>Event types <typeparamref name="T"/> has an Apply method for.</summary>
    public static IReadOnlyCollection<Type> HandledEvents<T>() where T : class, new() => Dispatch<T>.Table.Keys;

    private static class Dispatch<T> where T : class, new()
    {
        public static readonly FrozenDictionary<Type, Func<T, object, T>> Table = Build();

        private static FrozenDictionary<Type, Func<T, object, T>> Build()
        {
            var map = new Dictionary<Type, Func<T, object, T>>();
            foreach (var m in typeof(T).GetMethods(BindingFlags.Public | BindingFlags.Instance))
            {
                if (m.Name != "Apply" || m.ReturnType != typeof(T) || m.GetParameters() is not [var p]) continue;
                var state = Expression.Parameter(typeof(T), "state");
                var evt = Expression.Parameter(typeof(object), "evt");
                var call = Expression.Call(state, m, Expression.Convert(evt, p.ParameterType));
                map[p.ParameterType] = Expression.Lambda<Func<T, object, T>>(call, state, evt).Compile();
            }
            return map.ToFrozenDictionary();
        }
    }
}
