using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.Contracts.Hashing;
using Microsoft.Data.Sqlite;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// What an attacker with write access to events.db does: drop the append-only triggers, then
/// truncate the log or rewrite a row and recompute every later hash so the links still hold.
/// </summary>
public static class SqliteTamper
{
    public static async Task TruncateAfterAsync(string dataDirectory, long sequence) =>
        await ExecuteAsync(dataDirectory, $"DROP TRIGGER IF EXISTS events_no_delete; DELETE FROM events WHERE seq > {sequence};");

    /// <summary>Replaces the provider "azure" by "evil" in row <paramref name="sequence"/> and re-chains every row from it.</summary>
    public static async Task RewriteAndRechainAsync(string dataDirectory, long sequence)
    {
        await ExecuteAsync(dataDirectory, "DROP TRIGGER IF EXISTS events_no_update; " +
            $"UPDATE events SET data = replace(data, '\"provider\":\"azure\"', '\"provider\":\"evil\"') WHERE seq = {sequence};");
        await using var c = Open(dataDirectory);
        await c.OpenAsync();
        var rows = new List<(long Seq, long Ts, string Type, string Data)>();
        Sha256Hash prev;
        await using (var read = c.CreateCommand())
        {
            read.CommandText = $"SELECT hash FROM events WHERE seq = {sequence - 1}";
            prev = sequence == 1 ? HashChain.Genesis : Sha256Hash.Parse((string)(await read.ExecuteScalarAsync())!);
            read.CommandText = $"SELECT seq, ts, type, data FROM events WHERE seq >= {sequence} ORDER BY seq";
            await using var r = await read.ExecuteReaderAsync();
            while (await r.ReadAsync()) rows.Add((r.GetInt64(0), r.GetInt64(1), r.GetString(2), r.GetString(3)));
        }
        await using var tx = c.BeginTransaction();
        foreach (var row in rows)
        {
            var hash = HashChain.Compute(prev, row.Seq, HashChain.FromUnixMicroseconds(row.Ts), row.Type, System.Text.Encoding.UTF8.GetBytes(row.Data));
            await using var update = c.CreateCommand();
            update.Transaction = tx;
            update.CommandText = "UPDATE events SET prev_hash = $p, hash = $h WHERE seq = $s";
            update.Parameters.AddWithValue("$p", prev.Hex);
            update.Parameters.AddWithValue("$h", hash.Hex);
            update.Parameters.AddWithValue("$s", row.Seq);
            await update.ExecuteNonQueryAsync();
            prev = hash;
        }
        await tx.CommitAsync();
    }

    private static async Task ExecuteAsync(string dataDirectory, string sql)
    {
        await using var c = Open(dataDirectory);
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static SqliteConnection Open(string dataDirectory) =>
        new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, SqliteEventLog.FileName), Pooling = false }.ToString());
}
