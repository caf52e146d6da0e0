using System.Runtime.CompilerServices;
using System.Text;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Microsoft.Data.Sqlite;

namespace CcTsa.ControlPlane.EventStore.Sqlite;

/// <summary>
/// The embedded event log: one SQLite file (events.db) under the data directory, WAL journal,
/// synchronous=FULL so a commit is on disk before the caller's task completes. Triggers refuse
/// UPDATE and DELETE. Appends go through <see cref="GroupCommit"/>; each batch runs in one
/// BEGIN IMMEDIATE transaction that reads the head under the write lock, so even two processes
/// on the same file never fork the chain. The Merkle tree rows (<see cref="SqliteLogTree"/>) of a
/// batch are written in the same transaction.
/// </summary>
public sealed class SqliteEventLog : IEventLog, ILogTree
{
    public const string FileName = "events.db";

    private readonly string _connectionString;
    private readonly TimeProvider _time;
    private readonly GroupCommit _commit;
    private readonly LogTreeAppender _tree = new();
    private bool _keepTree = true;
    private SqliteConnection? _writer;

    private SqliteEventLog(string connectionString, TimeProvider time, GroupCommitOptions? options)
    {
        _connectionString = connectionString;
        _time = time;
        _commit = new GroupCommit(WriteBatchAsync, options);
        _commit.Committed += e => Committed?.Invoke(e);
    }

    public event Action<IReadOnlyList<EventEnvelope>>? Committed;

    public string DatabasePath { get; private init; } = "";

    /// <summary>Opens (creating if needed) the log in <paramref name="dataDirectory"/>.</summary>
    public static async Task<SqliteEventLog> OpenAsync(string dataDirectory, TimeProvider? time = null, GroupCommitOptions? options = null, CancellationToken ct = default)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.GetFullPath(Path.Combine(dataDirectory, FileName));
        var cs = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        await using (var c = new SqliteConnection(cs))
        {
            await c.OpenAsync(ct).ConfigureAwait(false);
            await using var cmd = c.CreateCommand();
            cmd.CommandText = SqliteSchema.Create;
            await StoreErrors.RunAsync(() => cmd.ExecuteNonQueryAsync(ct)).ConfigureAwait(false);
        }
        var log = new SqliteEventLog(cs, time ?? TimeProvider.System, options) { DatabasePath = path };
        await StoreErrors.RunAsync(() => log.CompleteTreeAsync(ct)).ConfigureAwait(false);
        return log;
    }

    /// <summary>
    /// A log that writes no Merkle tree rows: ONLY the same-process baseline of the transparency-log
    /// append benchmark (bench/CcTsa.Bench.TransparencyLog); nothing else may open a log this way.
    /// </summary>
    internal static async Task<SqliteEventLog> OpenWithoutTreeForBenchmarkAsync(string dataDirectory)
    {
        var bare = await OpenAsync(dataDirectory).ConfigureAwait(false);
        bare._keepTree = false;
        return bare;
    }

    /// <summary>Builds the tree rows a log lacks, once, on open (<see cref="LogTreeAppender.BuildAsync"/>).</summary>
    private Task<long> CompleteTreeAsync(CancellationToken ct) =>
        _tree.BuildAsync(work => InNewTransactionAsync(work, ct), 625 * (int)TreeLayout.BlockWidth); // 10,000 events

    private async Task<T> InNewTransactionAsync<T>(Func<TreeTransaction, Task<T>> work, CancellationToken ct)
    {
        _writer ??= await OpenWriterAsync(ct).ConfigureAwait(false);
        await using var tx = _writer.BeginTransaction(deferred: false);
        var result = await work(TreeIn(_writer, tx, ct)).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return result;
    }

    private static TreeTransaction TreeIn(SqliteConnection c, SqliteTransaction tx, CancellationToken ct) => new(
        () => SqliteLogTree.BlocksAsync(c, tx, ct),
        async (after, limit) => await SelectAsync(c, after, limit, EventFilter.All, ct, tx).ConfigureAwait(false),
        keys => SqliteLogTree.ReadAsync(c, tx, keys, ct),
        nodes => SqliteLogTree.InsertAsync(c, tx, nodes, ct));

    /// <summary>Group-commit counters (transactions, events).</summary>
    public GroupCommit Commit => _commit;

    public Task<IReadOnlyList<EventEnvelope>> AppendAsync(IReadOnlyList<object> events, CancellationToken ct = default) =>
        _commit.AppendAsync(events, ct);

    public Task FlushAsync(CancellationToken ct = default) => _commit.FlushAsync(ct);

    private async Task<IReadOnlyList<EventEnvelope>> WriteBatchAsync(IReadOnlyList<EncodedEvent> batch, CancellationToken ct)
    {
        _writer ??= await OpenWriterAsync(ct).ConfigureAwait(false);
        // IMMEDIATE: take the write lock before reading the head
        await using var tx = _writer.BeginTransaction(deferred: false);
        var head = await HeadAsync(_writer, ct, tx).ConfigureAwait(false);
        var now = HashChain.Normalize(_time.GetUtcNow());
        // the tree's hashing (pure) runs beside the chain's and the inserts; it touches neither connection nor tx
        var tree = _keepTree ? Task.Run(() => _tree.Prepare(head.Sequence, now, batch), ct) : null;
        var result = HashChain.Link(head, now, batch);
        SqliteEventRows.Insert(_writer, batch, result);
        if (tree is null)
        {
            await tx.CommitAsync(ct).ConfigureAwait(false);
            return result;
        }
        var access = TreeIn(_writer, tx, ct);
        var plan = await _tree.PlanAsync(head.Sequence, await tree.ConfigureAwait(false), access).ConfigureAwait(false);
        await access.Insert(plan.Nodes).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        _tree.Committed(plan);
        return result;
    }

    private async Task<SqliteConnection> OpenWriterAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA synchronous=FULL;";
        await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return c;
    }

    public async Task<ChainHead> HeadAsync(CancellationToken ct = default)
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        return await HeadAsync(c, ct).ConfigureAwait(false);
    }

    private static async Task<ChainHead> HeadAsync(SqliteConnection c, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1";
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? new ChainHead(r.GetInt64(0), Sha256Hash.Parse(r.GetString(1))) : ChainHead.Empty;
    }

    public Task<IReadOnlyList<EventEnvelope>> ReadAsync(long after, int limit, EventFilter? filter = null, CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ReadCoreAsync(after, limit, filter ?? EventFilter.All, ct));

    private async Task<IReadOnlyList<EventEnvelope>> ReadCoreAsync(long after, int limit, EventFilter filter, CancellationToken ct)
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        return await StoredRowReader.ReadAsync((a, l, f, t) => SelectAsync(c, a, l, f, t), after, limit, filter, ct).ConfigureAwait(false);
    }

    public IAsyncEnumerable<EventEnvelope> ReadAllAsync(long after = 0, CancellationToken ct = default) =>
        StoredRowReader.EnvelopesAsync(StoredAsync(after, ct), ct);

    public Task<ChainVerification> VerifyChainAsync(CancellationToken ct = default) =>
        StoreErrors.RunAsync(() => ChainVerifier.VerifyAsync(StoredAsync(0, ct), ct));

    /// <summary>
    /// Raw rows in sequence order (stored bytes exactly, for verification and export): one
    /// statement streamed row by row (SQLite steps synchronously anyway), so a walk over millions
    /// of rows pays no paging queries and no per-row task; WAL keeps writers going meanwhile.
    /// </summary>
    public async IAsyncEnumerable<StoredEvent> StoredAsync(long after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT seq, ts, type, data, prev_hash, hash FROM events WHERE seq > $after ORDER BY seq";
        cmd.Parameters.AddWithValue("$after", after);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        string? lastType = null;
        while (r.Read())
        {
            ct.ThrowIfCancellationRequested();
            // the few type aliases repeat: keep one string instance instead of one per row
            var type = r.GetString(2);
            if (string.Equals(type, lastType, StringComparison.Ordinal)) type = lastType!;
            lastType = type;
            yield return new StoredEvent(r.GetInt64(0), HashChain.FromUnixMicroseconds(r.GetInt64(1)), type,
                r.GetFieldValue<byte[]>(3), StoredRowReader.ParseOrZero(r.GetString(4)), StoredRowReader.ParseOrZero(r.GetString(5)));
        }
    }

    private static async Task<List<StoredEvent>> SelectAsync(SqliteConnection c, long after, int limit, EventFilter filter, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = SelectSql(filter);
        cmd.Parameters.AddWithValue("$after", after);
        if (filter.Type is not null) cmd.Parameters.AddWithValue("$type", filter.Type);
        if (filter.From is { } from) cmd.Parameters.AddWithValue("$from", HashChain.ToUnixMicroseconds(from));
        if (filter.To is { } to) cmd.Parameters.AddWithValue("$to", HashChain.ToUnixMicroseconds(to));
        cmd.Parameters.AddWithValue("$limit", limit);
        var rows = new List<StoredEvent>();
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            // a tampered hash column that is not hex reads as the zero hash and fails verification
            rows.Add(new StoredEvent(r.GetInt64(0), HashChain.FromUnixMicroseconds(r.GetInt64(1)), r.GetString(2),
                r.GetFieldValue<byte[]>(3), StoredRowReader.ParseOrZero(r.GetString(4)), StoredRowReader.ParseOrZero(r.GetString(5))));
        }
        return rows;
    }

    /// <summary>
    /// The page query. Without a time bound, (type, seq) or the primary key already yields rows in
    /// sequence order. With one, SQLite would still walk (type, seq) for the ORDER BY and test the
    /// time of every row of that type before the window (1.8 s over 10⁶ events); so the sequence
    /// numbers are chosen first on the covering (type, ts) or (ts) index — "+seq" stops the planner
    /// from ordering by the (type, seq) index — and only the page's rows are then read by key.
    /// </summary>
    internal static string SelectSql(EventFilter filter)
    {
        var where = new StringBuilder("seq > $after");
        if (filter.Type is not null) where.Append(" AND type = $type");
        if (filter.From is not null) where.Append(" AND ts >= $from");
        if (filter.To is not null) where.Append(" AND ts <= $to");
        const string Columns = "SELECT seq, ts, type, data, prev_hash, hash FROM events WHERE ";
        return filter.From is null && filter.To is null
            ? $"{Columns}{where} ORDER BY seq LIMIT $limit"
            : $"{Columns}seq IN (SELECT seq FROM events WHERE {where} ORDER BY +seq LIMIT $limit) ORDER BY seq";
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken ct)
    {
        var c = new SqliteConnection(_connectionString);
        await c.OpenAsync(ct).ConfigureAwait(false);
        return c;
    }

    public Task<long> TreeSizeAsync(CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        return await SqliteLogTree.SizeAsync(c, ct).ConfigureAwait(false);
    });

    public Task<IReadOnlyList<StoredEvent>> RowsAsync(long after, int limit, CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        return (IReadOnlyList<StoredEvent>)await SelectAsync(c, after, limit, EventFilter.All, ct).ConfigureAwait(false);
    });

    public Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> NodesAsync(IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct = default) => StoreErrors.RunAsync(async () =>
    {
        await using var c = await OpenReaderAsync(ct).ConfigureAwait(false);
        return await SqliteLogTree.ReadAsync(c, null, keys, ct).ConfigureAwait(false);
    });

    public async ValueTask DisposeAsync()
    {
        await _commit.DisposeAsync().ConfigureAwait(false);
        if (_writer is not null) await _writer.DisposeAsync().ConfigureAwait(false);
    }
}
