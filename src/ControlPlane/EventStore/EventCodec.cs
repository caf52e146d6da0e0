using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;
using CcTsa.Contracts.Events.Access;
using CcTsa.Contracts.Events.Alerting;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Nodes;
using CcTsa.Contracts.Events.Pki;
using CcTsa.ControlPlane.EventStore.Json;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// THE serializer of audit events: one <see cref="JsonSerializerOptions"/>, one alias map. The
/// canonical bytes it writes are what the hash chain covers and what SQLite stores; Marten gets a
/// copy of the same options. Only the types listed here can be encoded — anything else (a
/// secret-bearing class, a stray object) is refused, so nothing unlisted reaches the log.
/// </summary>
public static class EventCodec
{
    private static readonly Type[] Listed =
    [
        typeof(NodeStarted), typeof(NodeAttested), typeof(AttestationRejected), typeof(NodeLost),
        typeof(NodeExcluded), typeof(NodeReadmitted),
        typeof(CeremonyStarted), typeof(CeremonyCompleted), typeof(CeremonyAborted),
        typeof(ShareDistributed), typeof(KeyEpochActivated),
        typeof(CertificateIssued), typeof(CertificateRevoked),
        typeof(ClusterStateChanged), typeof(PartitionDetected), typeof(PartitionHealed),
        typeof(ClockViolation), typeof(ClockRecovered),
        typeof(IncidentOpened), typeof(RunbookStepCompleted), typeof(IncidentResolved), typeof(ChecklistTokenRecorded),
        typeof(TokenIssued), typeof(AuditAnchored), typeof(LogHeadSigned),
        typeof(ApiAccessRefused),
        typeof(AlertDelivered), typeof(AlertDeliveryFailed),
    ];

    private static readonly FrozenDictionary<Type, string> AliasByType =
        Listed.ToFrozenDictionary(t => t, t => JsonNamingPolicy.SnakeCaseLower.ConvertName(t.Name));

    private static readonly FrozenDictionary<string, Type> TypeByName =
        Listed.SelectMany(t => new[] { (AliasByType[t], t), (t.Name, t) })
            .DistinctBy(p => p.Item1, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(p => p.Item1, p => p.t, StringComparer.OrdinalIgnoreCase);

    /// <summary>camelCase properties, enums as camelCase strings, ids as text; read-only once built.</summary>
    public static JsonSerializerOptions Options { get; } = BuildOptions();

    /// <summary>Every event type the log accepts, with its snake_case alias ("node_attested").</summary>
    public static IReadOnlyDictionary<Type, string> Aliases => AliasByType;

    public static string AliasOf(Type type) =>
        AliasByType.TryGetValue(type, out var alias) ? alias : throw new UnknownEventTypeException(type.Name);

    /// <summary>Resolves an alias ("clock_violation") or a type name ("ClockViolation") to the alias.</summary>
    public static bool TryResolveAlias(string? aliasOrName, out string alias)
    {
        alias = "";
        if (aliasOrName is null || !TypeByName.TryGetValue(aliasOrName, out var t)) return false;
        alias = AliasByType[t];
        return true;
    }

    public static Type TypeOf(string alias) =>
        TypeByName.TryGetValue(alias, out var t) ? t : throw new UnknownEventTypeException(alias);

    public static EncodedEvent Encode(object data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var type = data.GetType();
        var alias = AliasOf(type);
        return new EncodedEvent(alias, JsonSerializer.SerializeToUtf8Bytes(data, type, Options), data);
    }

    /// <summary>Decodes stored JSON; a value that does not fit its type yields false, never a crash.</summary>
    public static bool TryDecode(string alias, ReadOnlySpan<byte> utf8, out object data)
    {
        data = null!;
        if (!TypeByName.TryGetValue(alias, out var type)) return false;
        try
        {
            data = JsonSerializer.Deserialize(utf8, type, Options)!;
            return data is not null;
        }
        catch (JsonException) { return false; }
        catch (FormatException) { return false; }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    public static object Decode(string alias, ReadOnlySpan<byte> utf8) =>
        TryDecode(alias, utf8, out var data) ? data : throw new CorruptEventException($"Stored event of type '{alias}' cannot be decoded.");

    /// <summary>Serializes a non-event value (projection state, export line) with the same options.</summary>
    public static byte[] SerializeValue<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    private static JsonSerializerOptions BuildOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = false,
            // a tampered row with an extra field must not decode to the same value silently
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            NumberHandling = JsonNumberHandling.Strict,
            TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        o.Converters.Add(new NodeIdJsonConverter());
        o.Converters.Add(new KeyEpochJsonConverter());
        o.Converters.Add(new CeremonyIdJsonConverter());
        o.Converters.Add(new IncidentIdJsonConverter());
        o.Converters.Add(new SerialNumberJsonConverter());
        o.Converters.Add(new Sha256HashJsonConverter());
        o.MakeReadOnly();
        return o;
    }
}
