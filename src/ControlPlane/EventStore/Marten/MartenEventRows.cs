using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using CcTsa.Contracts.Events;
using Npgsql;
using NpgsqlTypes;

namespace CcTsa.ControlPlane.EventStore.Marten;

/// <summary>
/// A group-commit batch as rows of Marten's own tables, written set-based: one upsert of the
/// stream's mt_streams row and ONE INSERT … SELECT FROM unnest(…) into mt_events, sent in the round
/// trip the append makes anyway. Marten's quick append (mt_quick_append_events) inserted row by
/// row in a plpgsql loop, a round trip of its own, and was most of the server's time per event.
/// The rows carry exactly what Marten writes (mt_events_sequence for seq_id, the default tenant,
/// Marten's .NET type name, headers, is_archived false) so Marten's own readers still see one
/// stream whose version is the sequence. Only the append writes here; the lock, the head and the
/// hashes are the caller's (<see cref="MartenEventLog"/>).
/// </summary>
internal static class MartenEventRows
{
    /// <summary>Marten's tenant id when the store is not multi-tenanted.</summary>
    private const string DefaultTenant = "*DEFAULT*";

    // Marten's mt_dotnet_type: "Namespace.Type, Assembly"
    private static readonly FrozenDictionary<string, string> DotnetTypeByAlias =
        EventCodec.Aliases.ToFrozenDictionary(p => p.Value, p => $"{p.Key.FullName}, {p.Key.Assembly.GetName().Name}");

    /// <summary>The stream row at the batch's last version (created by the log's first batch; a version never moves back).</summary>
    public static NpgsqlBatchCommand UpsertStream(string schema, Guid stream, long lastVersion) => new(
        $"INSERT INTO {schema}.mt_streams (id, type, version, timestamp, tenant_id) VALUES ($1, NULL, $2, now(), '{DefaultTenant}') " +
        $"ON CONFLICT (id) DO UPDATE SET version = greatest({schema}.mt_streams.version, EXCLUDED.version), timestamp = now()")
    {
        Parameters =
        {
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = stream },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = lastVersion },
        },
    };

    /// <summary>
    /// The batch's events as one INSERT. <paramref name="envelopes"/> are the hashed envelopes in
    /// order (their sequence is the stream version); <paramref name="batch"/> the same events'
    /// canonical bytes, stored as jsonb (readers re-encode the decoded value, as before).
    /// </summary>
    public static NpgsqlBatchCommand InsertEvents(string schema, Guid stream, IReadOnlyList<EncodedEvent> batch, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (batch.Count != envelopes.Count) throw new ArgumentException($"{envelopes.Count} envelopes for {batch.Count} events.", nameof(envelopes));
        var n = batch.Count;
        var ids = new Guid[n];
        var versions = new long[n];
        var data = new string[n];
        var types = new string[n];
        var dotnet = new string[n];
        var headers = new string[n];
        var header = new StringBuilder(180);
        for (var i = 0; i < n; i++)
        {
            var e = envelopes[i];
            ids[i] = Guid.CreateVersion7(e.Timestamp);
            versions[i] = e.Sequence;
            data[i] = Encoding.UTF8.GetString(batch[i].Utf8.Span);
            types[i] = batch[i].Type;
            dotnet[i] = DotnetTypeByAlias[batch[i].Type];
            headers[i] = Headers(header, e);
        }
        return new NpgsqlBatchCommand(
            $"INSERT INTO {schema}.mt_events (seq_id, id, stream_id, version, data, type, tenant_id, timestamp, mt_dotnet_type, is_archived, headers) " +
            $"SELECT nextval('{schema}.mt_events_sequence'), r.id, $1, r.version, r.data::jsonb, r.type, '{DefaultTenant}', $2, r.dotnet, FALSE, r.headers::jsonb " +
            "FROM unnest($3, $4, $5, $6, $7, $8) AS r(id, version, data, type, dotnet, headers)")
        {
            Parameters =
            {
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = stream },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = envelopes[0].Timestamp },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid, Value = ids },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = versions },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = data },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = types },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = dotnet },
                new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text, Value = headers },
            },
        };
    }

    /// <summary>The headers Marten kept for each event: the hashed time (µs), prev and own hash.</summary>
    private static string Headers(StringBuilder sb, EventEnvelope e)
    {
        sb.Clear()
            .Append("{\"").Append(MartenSetup.TimeHeader).Append("\":").Append(HashChain.ToUnixMicroseconds(e.Timestamp).ToString(CultureInfo.InvariantCulture))
            .Append(",\"").Append(MartenSetup.PrevHeader).Append("\":\"").Append(e.PrevHash.Hex)
            .Append("\",\"").Append(MartenSetup.HashHeader).Append("\":\"").Append(e.Hash.Hex).Append("\"}");
        return sb.ToString();
    }
}
