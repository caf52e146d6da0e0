using System.Runtime.CompilerServices;
using System.Text;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Marten;
using Npgsql;

namespace CcTsa.ControlPlane.EventStore.Marten;

/// <summary>
/// The distributed event log: Marten's event store on PostgreSQL, ONE stream (<see cref="StreamId"/>)
/// whose stream version is the gapless global sequence. Each event's timestamp (the transaction's
/// server time, also written to Marten's timestamp column), prev hash and own hash are Marten headers. A
/// trigger refuses UPDATE/DELETE/TRUNCATE on mt_events. Each group-commit batch runs in one
/// transaction holding a transaction-scoped advisory lock while it reads the head, so two control
/// planes never fork the chain. Reads and verification decode rows with <see cref="EventCodec"/>;
/// the hash covers the codec's canonical bytes of the decoded value (jsonb does not keep bytes).
/// A batch's rows go in as one set-based INSERT into Marten's tables (<see cref="MartenEventRows"/>),
/// and the Merkle tree rows of a batch (<see cref="MartenLogTree"/>) in the same transaction.
/// </summary>
public sealed class MartenEventLog : IEventLog, ILogTree
{
    /// <summary>The single audit stream.</summary>
    public static readonly Guid StreamId = new("c7c75a00-0000-4000-8000-00000000a0d1");

    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommit _commit;
    private readonly LogTreeAppender _tree = new();
    private bool _keepTree = true;

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
            var log = new MartenEventLog(store, dataSource, schema, options);
            await StoreErrors.RunAsync(() => log.CompleteTreeAsync(ct)).ConfigureAwait(false);
            return log;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// A log that writes no Merkle tree rows: ONLY the same-process baseline of the transparency-log
    /// append benchmark (bench/CcTsa.Bench.TransparencyLog); nothing else may open a log this way.
    /// </summary>
    internal static async Task<MartenEventLog> OpenWithoutTreeForBenchmarkAsync(string connectionString, string schema)
    {
        var bare = await OpenAsync(connectionString, schema).ConfigureAwait(false);
        bare._keepTree = false;
        return bare;
    }

    /// <summary>Builds the tree rows a log lacks, once, on open (<see cref="LogTreeAppender.BuildAsync"/>), under the append lock.</summary>
    private Task<long> CompleteTreeAsync(CancellationToken ct) =>
        _tree.BuildAsync(work => InNewTransactionAsync(work, ct), 320 * (int)TreeLayout.BlockWidth); // 5,120 events

    private async Task<T> InNewTransactionAsync<T>(Func<TreeTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        await LockAsync(conn, tx, ct).ConfigureAwait(false);
        var result = await work(TreeIn(conn, tx, ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    private TreeTransaction TreeIn(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) => new(
        () => MartenLogTree.BlocksAsync(conn, tx, Schema, ct),
        async (after, limit) => await SelectAsync(conn, after, limit, EventFilter.All, ct).ConfigureAwait(false),
        keys => MartenLogTree.ReadAsync(conn, tx, Schema, keys, ct),
        nodes => MartenLogTree.InsertAsync(conn, tx, Schema, nodes, ct));

    private static async Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", conn, tx);
        lockCmd.Parameters.AddWithValue("k", MartenSetup.AppendLockKey);
        await lockCmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes the append lock, then reads the head and the transaction's time, in one round trip
    /// (one <see cref="NpgsqlBatch"/>; its statements run in order, so the head is read under the
    /// lock): three round trips were a fixed cost of every group-commit transaction. The batch's time
    /// is the server's transaction start (what Marten's own append stamped), written to
    /// mt_events.timestamp; the ts header keeps the hashed value regardless.
    /// </summary>
    private async Task<(ChainHead Head, DateTimeOffset Now)> LockedHeadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SELECT pg_advisory_xact_lock($1)") { Parameters = { new NpgsqlParameter { Value = MartenSetup.AppendLockKey } } },
                new NpgsqlBatchCommand(HeadSql("$1")) { Parameters = { new NpgsqlParameter { Value = StreamId } } },
                new NpgsqlBatchCommand("SELECT transaction_timestamp()"),
            },
        };
        await using var r = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        var head = await ReadHeadAsync(r, ct).ConfigureAwait(false);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return (head, HashChain.Normalize(r.GetFieldValue<DateTimeOffset>(0)));
    }

    public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default) =>
        _commit.AppendAsync(events, ct);

    public Task FlushAsync(CancellationToken ct = default) => _commit.FlushAsync(ct);

    /// <summary>
    /// One group-commit batch in three round trips: the lock, head and time (<see cref="LockedHeadAsync"/>);
    /// the rows (<see cref="MartenEventRows"/>: stream row, every event in one INSERT, the tree rows)
    /// with the head read back in the same <see cref="NpgsqlBatch"/>; the commit.
    /// </summary>
    private async Task<IReadOnlyList<EventEnvelope>> WriteBatchAsync(IReadOnlyList<EncodedEvent> batch, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await using var tx = await conn.BeginTransactionAsync(ct).ConfigureAwait(false);
        var (head, now) = await LockedHeadAsync(conn, tx, ct).ConfigureAwait(false);
        // the tree's hashing (pure) runs beside the chain's; it touches neither connection nor tx
        var tree = _keepTree ? Task.Run(() => _tree.Prepare(head.Sequence, now, batch), ct) : null;
        var result = HashChain.Link(head, now, batch);
        var plan = tree is null ? null : await _tree.PlanAsync(head.Sequence, await tree.ConfigureAwait(false), TreeIn(conn, tx, ct)).ConfigureAwait(false);
        var written = await InsertAndReadHeadAsync(conn, tx, batch, result, plan?.Nodes ?? [], ct).ConfigureAwait(false);
        if (written.Sequence != result[^1].Sequence || written.Hash != result[^1].Hash)
            throw new ChainHeadMovedException($"Stored head {written.Sequence} differs from the computed head {result[^1].Sequence}.");
        await tx.CommitAsync(ct).ConfigureAwait(false);
        if (plan is not null) _tree.Committed(plan);
        return result;
    }

    /// <summary>
    /// The batch's rows and tree rows, then the head, in one round trip (one <see cref="NpgsqlBatch"/>,
    /// run in order): the head read back must be the last event just hashed.
    /// </summary>
    private async Task<ChainHead> InsertAndReadHeadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<EncodedEvent> batch,
        EventEnvelope[] envelopes, IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> nodes, CancellationToken ct)
    {
        await using var sql = new NpgsqlBatch(conn, tx)
        {
            BatchCommands =
            {
                MartenEventRows.UpsertStream(Schema, StreamId, envelopes[^1].Sequence),
                MartenEventRows.InsertEvents(Schema, StreamId, batch, envelopes),
            },
        };
        if (nodes.Count > 0) sql.BatchCommands.Add(MartenLogTree.InsertCommand(Schema, nodes));
        sql.BatchCommands.Add(new NpgsqlBatchCommand(HeadSql("$1")) { Parameters = { new NpgsqlParameter { Value = StreamId } } });
        await using var r = await sql.ExecuteReaderAsync(ct).ConfigureAwait(false);
        // the inserts' own failures (a refused or duplicate row) surface before the head's result set
        while (r.FieldCount == 0 && await r.NextResultAsync(ct).ConfigureAwait(false)) { }
        return await ReadHeadAsync(r, ct).ConfigureAwait(false);
    }

    public async Task<ChainHead> HeadAsync(CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await HeadAsync(conn, null, ct).ConfigureAwait(false);
    }

    private async Task<ChainHead> HeadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(HeadSql("@s"), conn, tx);
        cmd.Parameters.AddWithValue("s", StreamId);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadHeadAsync(r, ct).ConfigureAwait(false);
    }

    private string HeadSql(string streamParameter) =>
        $"SELECT version, headers->>'{MartenSetup.HashHeader}' FROM {Schema}.mt_events WHERE stream_id = {streamParameter} ORDER BY version DESC LIMIT 1";

    private static async Task<ChainHead> ReadHeadAsync(NpgsqlDataReader r, CancellationToken ct) =>
        await r.ReadAsync(ct).ConfigureAwait(false)
            ? new ChainHead(r.GetInt64(0), StoredRowReader.ParseOrZero(r.IsDBNull(1) ? null : r.GetString(1)))
            : ChainHead.Empty;

    public Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ReadCoreAsync(after, limit, filter ?? EventFilter.All, ct));

    private async Task<IReadOnlyList<EventEnvelope>> ReadCoreAsync(long after, int limit, EventFilter filter, CancellationToken ct)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await StoredRowReader.ReadAsync((a, l, f, t) => SelectAsync(conn, a, l, f, t), after, limit, filter, ct).ConfigureAwait(false);
    }

    public IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, CancellationToken ct = default) =>
        StoredRowReader.EnvelopesAsync(StoredAsync(after, ct), ct);

    public Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ChainVerifier.VerifyAsync(StoredAsync(0, ct), ct));

    /// <summary>Rows in sequence order; Data is the canonical re-encoding (or the raw jsonb text when it does not decode).</summary>
    public async IAsyncEnumerable<StoredEvent> StoredAsync(long after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        await foreach (var row in StoredRowReader.StreamAsync((a, l, f, t) => SelectAsync(conn, a, l, f, t), after, ct).ConfigureAwait(false))
            yield return row;
    }

    /// <summary>The page query; type and time use the indexes <see cref="MartenSetup.DeclareQueryIndexes"/> declares.</summary>
    internal NpgsqlCommand SelectCommand(long after, int limit, EventFilter filter)
    {
        var sql = new StringBuilder($"SELECT version, timestamp, type, data::text, headers->>'{MartenSetup.PrevHeader}', headers->>'{MartenSetup.HashHeader}', (headers->>'{MartenSetup.TimeHeader}')::bigint FROM {Schema}.mt_events WHERE stream_id = @s AND version > @after");
        var cmd = new NpgsqlCommand();
        cmd.Parameters.AddWithValue("s", StreamId);
        cmd.Parameters.AddWithValue("after", after);
        if (filter.Type is not null) { sql.Append(" AND type = @type"); cmd.Parameters.AddWithValue("type", filter.Type); }
        if (filter.From is { } from) { sql.Append(" AND timestamp >= @from"); cmd.Parameters.AddWithValue("from", from.ToUniversalTime()); }
        if (filter.To is { } to) { sql.Append(" AND timestamp <= @to"); cmd.Parameters.AddWithValue("to", to.ToUniversalTime()); }
        sql.Append(" ORDER BY version LIMIT @limit");
        cmd.Parameters.AddWithValue("limit", limit);
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    private async Task<List<StoredEvent>> SelectAsync(NpgsqlConnection conn, long after, int limit, EventFilter filter, CancellationToken ct)
    {
        await using var cmd = SelectCommand(after, limit, filter);
        cmd.Connection = conn;
        var rows = new List<StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var type = r.GetString(2);
            var raw = Encoding.UTF8.GetBytes(r.GetString(3));
            var canonical = EventCodec.TryDecode(type, raw, out var data) ? EventCodec.Encode(data).Utf8 : raw;
            var ts = r.IsDBNull(6) ? HashChain.Normalize(r.GetFieldValue<DateTimeOffset>(1)) : HashChain.FromUnixMicroseconds(r.GetInt64(6));
            rows.Add(new StoredEvent(r.GetInt64(0), ts, type, canonical,
                StoredRowReader.ParseOrZero(r.IsDBNull(4) ? null : r.GetString(4)), StoredRowReader.ParseOrZero(r.IsDBNull(5) ? null : r.GetString(5))));
        }
        return rows;
    }

    public Task<long> TreeSizeAsync(CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await MartenLogTree.SizeAsync(conn, Schema, StreamId, ct).ConfigureAwait(false);
    });

    public Task<IReadOnlyList<StoredEvent>> RowsAsync(long after, int limit, CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return (IReadOnlyList<StoredEvent>)await SelectAsync(conn, after, limit, EventFilter.All, ct).ConfigureAwait(false);
    });

    public Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> NodesAsync(IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var conn = await _dataSource.OpenConnectionAsync(ct).ConfigureAwait(false);
        return await MartenLogTree.ReadAsync(conn, null, Schema, keys, ct).ConfigureAwait(false);
    });

    public async ValueTask DisposeAsync()
    {
        await _commit.DisposeAsync().ConfigureAwait(false);
        Store.Dispose();
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }
}
