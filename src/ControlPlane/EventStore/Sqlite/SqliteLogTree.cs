using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Microsoft.Data.Sqlite;

namespace CcTsa.ControlPlane.EventStore.Sqlite;

/// <summary>
/// The log_tree table of the embedded log: one row per complete subtree of a stored level
/// (<see cref="TreeLayout"/>: levels 4, 8, 12, …, about one row per fifteen events), written in the events' own
/// transaction and never updated (the same append-only triggers as events). A proof reads a few
/// dozen of them by primary key, in one statement. Logs written when more levels were stored keep
/// those rows (never read again).
/// </summary>
internal static class SqliteLogTree
{
    public const string Ddl = $"""
        CREATE TABLE IF NOT EXISTS log_tree (
            level INTEGER NOT NULL,
            idx   INTEGER NOT NULL,
            hash  BLOB    NOT NULL,
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        CREATE TRIGGER IF NOT EXISTS log_tree_no_update BEFORE UPDATE ON log_tree
        BEGIN SELECT RAISE(ABORT, '{StoreErrors.AppendOnlyMarker}'); END;
        CREATE TRIGGER IF NOT EXISTS log_tree_no_delete BEFORE DELETE ON log_tree
        BEGIN SELECT RAISE(ABORT, '{StoreErrors.AppendOnlyMarker}'); END;
        """;

    /// <summary>A batch's rows in multi-row INSERTs (one statement per <see cref="RowsPerStatement"/> rows, not one per row).</summary>
    public static async Task InsertAsync(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> nodes, CancellationToken ct)
    {
        for (var start = 0; start < nodes.Count; start += RowsPerStatement)
        {
            var count = Math.Min(RowsPerStatement, nodes.Count - start);
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            var sql = new System.Text.StringBuilder("INSERT INTO log_tree (level, idx, hash) VALUES ", 32 + count * 24);
            for (var n = 0; n < count; n++)
            {
                var (key, hash) = nodes[start + n];
                sql.Append(n == 0 ? "" : ",").Append("($l").Append(n).Append(",$i").Append(n).Append(",$h").Append(n).Append(')');
                cmd.Parameters.Add("$l" + n, SqliteType.Integer).Value = key.Level;
                cmd.Parameters.Add("$i" + n, SqliteType.Integer).Value = key.Index;
                cmd.Parameters.Add("$h" + n, SqliteType.Blob).Value = hash.ToArray();
            }
            cmd.CommandText = sql.ToString();
            await cmd.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    // 3 parameters a row, well under SQLite's 32,766 bound parameters per statement
    private const int RowsPerStatement = 500;

    /// <summary>The stored nodes among <paramref name="keys"/>, <see cref="RowsPerStatement"/> keys per statement (a proof's few dozen in one).</summary>
    public static async Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> ReadAsync(SqliteConnection c, SqliteTransaction? tx, IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct)
    {
        var found = new Dictionary<TreeNodeKey, Sha256Hash>(keys.Count);
        foreach (var chunk in keys.Chunk(RowsPerStatement))
        {
            await using var cmd = c.CreateCommand();
            cmd.Transaction = tx;
            var sql = new System.Text.StringBuilder("SELECT level, idx, hash FROM log_tree WHERE (level, idx) IN (VALUES ", 64 + chunk.Length * 16);
            for (var n = 0; n < chunk.Length; n++)
            {
                sql.Append(n == 0 ? "" : ",").Append("($l").Append(n).Append(",$i").Append(n).Append(')');
                cmd.Parameters.Add("$l" + n, SqliteType.Integer).Value = chunk[n].Level;
                cmd.Parameters.Add("$i" + n, SqliteType.Integer).Value = chunk[n].Index;
            }
            cmd.CommandText = sql.Append(')').ToString();
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                // a tampered hash that is not 32 bytes reads as missing, so the proof fails loudly
                if (r.GetValue(2) is byte[] { Length: Sha256Hash.Size } bytes)
                    found[new TreeNodeKey(r.GetInt32(0), r.GetInt64(1))] = Sha256Hash.FromBytes(bytes);
            }
        }
        return found;
    }

    /// <summary>Complete blocks covered: the stored level-4 nodes (a gap-free run from 0, rows are written in order).</summary>
    public static async Task<long> BlocksAsync(SqliteConnection c, SqliteTransaction? tx, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"SELECT COALESCE(MAX(idx) + 1, 0) FROM log_tree WHERE level = {TreeLayout.LowestStoredLevel}";
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The tree size (<see cref="TreeLayout.SizeOf"/>), head and blocks read in one statement so they agree.</summary>
    public static async Task<long> SizeAsync(SqliteConnection c, CancellationToken ct)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COALESCE((SELECT MAX(seq) FROM events), 0), COALESCE((SELECT MAX(idx) + 1 FROM log_tree WHERE level = {TreeLayout.LowestStoredLevel}), 0)";
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return TreeLayout.SizeOf(r.GetInt64(0), r.GetInt64(1));
    }
}
