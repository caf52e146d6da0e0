using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using Npgsql;
using NpgsqlTypes;

namespace CcTsa.ControlPlane.EventStore.Marten;

/// <summary>
/// The cctsa_log_tree table beside mt_events: one row per complete subtree of a stored level
/// (<see cref="TreeLayout"/>: levels 4, 8, 12, …, about one row per fifteen events), written in the events'
/// own transaction, refused UPDATE/DELETE/TRUNCATE like the events. A batch's rows go in one
/// INSERT … SELECT unnest(…), and a proof's nodes come back in one query. Logs written when more
/// levels were stored keep those rows (never read again).
/// </summary>
internal static class MartenLogTree
{
    public static string Ddl(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.cctsa_log_tree (
            level int    NOT NULL,
            idx   bigint NOT NULL,
            hash  bytea  NOT NULL,
            PRIMARY KEY (level, idx)
        );
        DROP TRIGGER IF EXISTS cctsa_tree_append_only ON {schema}.cctsa_log_tree;
        CREATE TRIGGER cctsa_tree_append_only BEFORE UPDATE OR DELETE ON {schema}.cctsa_log_tree
            FOR EACH ROW EXECUTE FUNCTION {schema}.cctsa_refuse_change();
        DROP TRIGGER IF EXISTS cctsa_tree_no_truncate ON {schema}.cctsa_log_tree;
        CREATE TRIGGER cctsa_tree_no_truncate BEFORE TRUNCATE ON {schema}.cctsa_log_tree
            FOR EACH STATEMENT EXECUTE FUNCTION {schema}.cctsa_refuse_change();
        """;

    public static async Task InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string schema, IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> nodes, CancellationToken ct)
    {
        if (nodes.Count == 0) return;
        await using var batch = new NpgsqlBatch(conn, tx) { BatchCommands = { InsertCommand(schema, nodes) } };
        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The INSERT of <paramref name="nodes"/> (at least one) as a batch command, so an append can send it in the round trip it makes anyway.</summary>
    public static NpgsqlBatchCommand InsertCommand(string schema, IReadOnlyList<(TreeNodeKey Key, Sha256Hash Hash)> nodes) => new(
        $"INSERT INTO {schema}.cctsa_log_tree (level, idx, hash) SELECT * FROM unnest($1, $2, $3)")
    {
        Parameters =
        {
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Integer, Value = nodes.Select(n => n.Key.Level).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint, Value = nodes.Select(n => n.Key.Index).ToArray() },
            new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = nodes.Select(n => n.Hash.ToArray()).ToArray() },
        },
    };

    public static async Task<IReadOnlyDictionary<TreeNodeKey, Sha256Hash>> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string schema, IReadOnlyCollection<TreeNodeKey> keys, CancellationToken ct)
    {
        var found = new Dictionary<TreeNodeKey, Sha256Hash>(keys.Count);
        if (keys.Count == 0) return found;
        await using var cmd = new NpgsqlCommand(
            $"SELECT t.level, t.idx, t.hash FROM {schema}.cctsa_log_tree t JOIN unnest(@l, @i) AS k(level, idx) ON t.level = k.level AND t.idx = k.idx", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter("l", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = keys.Select(k => k.Level).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter("i", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = keys.Select(k => k.Index).ToArray() });
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            var bytes = r.GetFieldValue<byte[]>(2);
            // a tampered hash that is not 32 bytes reads as missing, so the proof fails loudly
            if (bytes.Length == Sha256Hash.Size) found[new TreeNodeKey(r.GetInt32(0), r.GetInt64(1))] = Sha256Hash.FromBytes(bytes);
        }
        return found;
    }

    /// <summary>Complete blocks covered: the stored level-4 nodes (a gap-free run from 0, rows are written in order).</summary>
    public static async Task<long> BlocksAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string schema, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"SELECT COALESCE(MAX(idx) + 1, 0) FROM {schema}.cctsa_log_tree WHERE level = {TreeLayout.LowestStoredLevel}", conn, tx);
        return (long)(await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    /// <summary>The tree size (<see cref="TreeLayout.SizeOf"/>), head and blocks read in one statement so they agree.</summary>
    public static async Task<long> SizeAsync(NpgsqlConnection conn, string schema, Guid stream, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"SELECT COALESCE((SELECT MAX(version) FROM {schema}.mt_events WHERE stream_id = @s), 0), " +
            $"COALESCE((SELECT MAX(idx) + 1 FROM {schema}.cctsa_log_tree WHERE level = {TreeLayout.LowestStoredLevel}), 0)", conn);
        cmd.Parameters.AddWithValue("s", stream);
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await r.ReadAsync(ct).ConfigureAwait(false);
        return TreeLayout.SizeOf(r.GetInt64(0), r.GetInt64(1));
    }
}
