using System.Runtime.CompilerServices;
using System.Text;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Hashing;
using Marten;
using Npgsql;

namespace CcTsa.ControlPlane.EventStore.Marten;

/// <summary>
/// The distributed event log: Marten's event store on PostgreSQL, ONE stream (<see cref="StreamId"/>)
/// whose stream version is the gapless global sequence. Each event's timestamp (the transaction's
/// server time, which Marten also writes to its timestamp column), prev hash and own hash are Marten headers. A
/// trigger refuses UPDATE/DELETE/TRUNCATE on mt_events. Each group-commit batch runs in one
/// transaction holding a transaction-scoped advisory lock while it reads the head, so two control
/// planes never fork the chain. Reads and verification decode rows with <see cref="EventCodec"/>;
/// the hash covers the codec's canonical bytes of the decoded value (jsonb does not keep bytes).
/// </summary>
public sealed class MartenEventLog : IEventLog
{
    /// <summary>The single audit stream.</summary>
    public static readonly Guid StreamId = new("c7c75a00-0000-4000-8000-00000000a0d1");

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit _commit;

    private MartenEventLog(DocumentStore store, NpgsqlDataSource dataSource, string schema, GroupCommitOptions? options)
    {
        Store = store;
        _dataSource = dataSource;
        Schema = schema;
        _commit = new GroupCommit(WriteBatchAsync, options);
        _commit.Committed += e => Committed?.Invoke(e);
    }

    public event Action<IReadOnlyList<EventEnvelope>>? Committed;

    /// <summary>The Marten store (projections registered for live aggregation).</summary>
    public DocumentStore Store { get; }

    public string Schema { get; }

    public GroupCommit Commit => _commit;

    /// <summary>Connects, creates Marten's schema and the append-only trigger if missing.</summary>
    public static async Task<MartenEventLog> OpenAsync(string connectionString, string schema = MartenSetup.DefaultSchema,
        GroupCommitOptions? options = null, CancellationToken ct = default)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            var store = await StoreErrors.RunAsync(() => MartenSetup.CreateAsync(dataSource, schema, ct)).ConfigureAwait(false);
            return new MartenEventLog(store, dataSource, schema, options);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default) =>
        _commit.AppendAsync(events, ct);

    private async Task<IReadOnlyList<EventEnvelope>> WriteBatchAsync(IReadOnlyList<EncodedEvent> batch, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", conn, tx))
        {
            lockCmd.Parameters.AddWithValue("k", MartenSetup.AppendLockKey);
            await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        var head = await HeadAsync(conn, tx, ct).ConfigureAwait(false);
        // Marten stamps mt_events.timestamp with the server's now() (transaction start), so the
        // batch uses exactly that instant; the ts header keeps the hashed value regardless
        DateTimeOffset now;
        await using (var nowCmd = new NpgsqlCommand("SELECT transaction_timestamp()", conn, tx))
        await using (var nowReader = await nowCmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await nowReader.ReadAsync(ct).ConfigureAwait(false);
            now = HashChain.Normalize(nowReader.GetFieldValue<DateTimeOffset>(0));
        }
        var result = new EventEnvelope[batch.Count];
        var prev = head.Hash;
        var seq = head.Sequence;
        await using (var session = Store.LightweightSession(global::Marten.Services.SessionOptions.ForTransaction(tx)))
        {
            var action = session.Events.Append(StreamId, batch.Select(e => e.Data));
            for (var i = 0; i < batch.Count; i++)
            {
                seq++;
                var hash = HashChain.Compute(prev, seq, now, batch[i].Type, batch[i].Utf8.Span);
                var stored = action.Events[i];
                stored.Timestamp = now;
                stored.SetHeader(MartenSetup.TimeHeader, HashChain.ToUnixMicroseconds(now));
                stored.SetHeader(MartenSetup.PrevHeader, prev.Hex);
                stored.SetHeader(MartenSetup.HashHeader, hash.Hex);
                result[i] = new EventEnvelope(seq, now, batch[i].Type, prev, hash, batch[i].Data);
                prev = hash;
            }
            await session.SaveChangesAsync(ct).ConfigureAwait(false);
        }
        // the stream version Marten assigned must be the sequence we hashed
        var written = await HeadAsync(conn, tx, ct).ConfigureAwait(false);
        if (written.Sequence != seq || written.Hash != prev)
            throw new ChainHeadMovedException($"Stored head {written.Sequence} differs from the computed head {seq}.");
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    public async Task<ChainHead> HeadAsync(CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await HeadAsync(conn, null, ct).ConfigureAwait(false);
    }

    private async Task<ChainHead> HeadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT version, headers->>'{MartenSetup.HashHeader}' FROM {Schema}.mt_events WHERE stream_id = @s ORDER BY version DESC LIMIT 1", conn, tx);
        cmd.Parameters.AddWithValue("s", StreamId);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false)
            ? new ChainHead(r.GetInt64(0), Sha256Hash.TryParse(r.IsDBNull(1) ? null : r.GetString(1), out var h) ? h : Sha256Hash.Zero)
            : ChainHead.Empty;
    }

    public Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ReadCoreAsync(after, limit, filter ?? EventFilter.All, ct));

    private async Task<IReadOnlyList<EventEnvelope>> ReadCoreAsync(long after, int limit, EventFilter filter, CancellationToken ct)
    {
        var page = new List<EventEnvelope>();
        var cursor = after;
        const int chunk = 500;
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        while (page.Count < limit)
        {
            var rows = await SelectAsync(conn, cursor, chunk, filter, ct).ConfigureAwait(false);
            if (rows.Count == 0) break;
            foreach (var row in rows)
            {
                var env = ToEnvelope(row);
                if (filter.Matches(env)) page.Add(env);
                if (page.Count == limit) break;
            }
            cursor = rows[^1].Sequence;
            if (rows.Count < chunk) break;
        }
        return page;
    }

    public async IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var row in StoredAsync(after, ct).ConfigureAwait(false))
            yield return ToEnvelope(row);
    }

    public Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ChainVerifier.VerifyAsync(StoredAsync(0, ct), ct));

    /// <summary>Rows in sequence order; Data is the canonical re-encoding (or the raw jsonb text when it does not decode).</summary>
    public async IAsyncEnumerable<StoredEvent> StoredAsync(long after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        var cursor = after;
        while (true)
        {
            var rows = await SelectAsync(conn, cursor, 1000, EventFilter.All, ct).ConfigureAwait(false);
            foreach (var row in rows) yield return row;
            if (rows.Count < 1000) yield break;
            cursor = rows[^1].Sequence;
        }
    }

    private async Task<List<StoredEvent>> SelectAsync(NpgsqlConnection conn, long after, int limit, EventFilter filter, CancellationToken ct)
    {
        var sql = new StringBuilder($"SELECT version, timestamp, type, data::text, headers->>'{MartenSetup.PrevHeader}', headers->>'{MartenSetup.HashHeader}', (headers->>'{MartenSetup.TimeHeader}')::bigint FROM {Schema}.mt_events WHERE stream_id = @s AND version > @after");
        await using var cmd = new NpgsqlCommand { Connection = conn };
        cmd.Parameters.AddWithValue("s", StreamId);
        cmd.Parameters.AddWithValue("after", after);
        if (filter.Type is not null) { sql.Append(" AND type = @type"); cmd.Parameters.AddWithValue("type", filter.Type); }
        if (filter.From is { } from) { sql.Append(" AND timestamp >= @from"); cmd.Parameters.AddWithValue("from", from.ToUniversalTime()); }
        if (filter.To is { } to) { sql.Append(" AND timestamp <= @to"); cmd.Parameters.AddWithValue("to", to.ToUniversalTime()); }
        sql.Append(" ORDER BY version LIMIT @limit");
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.CommandText = sql.ToString();
        var rows = new List<StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var type = r.GetString(2);
            var raw = Encoding.UTF8.GetBytes(r.GetString(3));
            var canonical = EventCodec.TryDecode(type, raw, out var data) ? EventCodec.Encode(data).Utf8 : raw;
            var ts = r.IsDBNull(6) ? HashChain.Normalize(r.GetFieldValue<DateTimeOffset>(1)) : HashChain.FromUnixMicroseconds(r.GetInt64(6));
            rows.Add(new StoredEvent(r.GetInt64(0), ts, type, canonical,
                Parse(r.IsDBNull(4) ? null : r.GetString(4)), Parse(r.IsDBNull(5) ? null : r.GetString(5))));
        }
        return rows;
    }

    private static Sha256Hash Parse(string? hex) => Sha256Hash.TryParse(hex, out var h) ? h : Sha256Hash.Zero;

    private static EventEnvelope ToEnvelope(StoredEvent row) =>
        new(row.Sequence, row.Timestamp, row.Type, row.PrevHash, row.Hash, EventCodec.Decode(row.Type, row.Data.Span));

    public async ValueTask DisposeAsync()
    {
        await _commit.DisposeAsync().ConfigureAwait(false);
        Store.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
