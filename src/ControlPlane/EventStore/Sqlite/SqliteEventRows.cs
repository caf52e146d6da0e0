using System.Text;
using CcTsa.Contracts.Events;
using Microsoft.Data.Sqlite;

namespace CcTsa.ControlPlane.EventStore.Sqlite;

/// <summary>
/// A group-commit batch's hashed events into the events table, <see cref="RowsPerStatement"/> rows
/// per INSERT: one statement per event cost a step, a reset and six bindings through
/// Microsoft.Data.Sqlite each, most of the writer's time per event. Synchronous on purpose
/// (SQLite steps synchronously anyway; the async call only added a task per statement).
/// </summary>
internal static class SqliteEventRows
{
    public const int RowsPerStatement = 32;
    private const int Columns = 6;

    /// <summary>Inserts <paramref name="envelopes"/> (hashed, in order) with <paramref name="batch"/>'s canonical bytes, inside <paramref name="tx"/>.</summary>
    public static void Insert(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<EncodedEvent> batch, IReadOnlyList<EventEnvelope> envelopes)
    {
        if (batch.Count != envelopes.Count) throw new ArgumentException($"{envelopes.Count} envelopes for {batch.Count} events.", nameof(envelopes));
        using var full = Command(c, tx, Math.Min(RowsPerStatement, batch.Count));
        var i = 0;
        for (; i + RowsPerStatement <= batch.Count; i += RowsPerStatement)
            Run(full, batch, envelopes, i);
        if (i == batch.Count) return;
        using var rest = Command(c, tx, batch.Count - i);
        Run(rest, batch, envelopes, i);
    }

    private static SqliteCommand Command(SqliteConnection c, SqliteTransaction tx, int rows)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var sql = new StringBuilder("INSERT INTO events (seq, ts, type, data, prev_hash, hash) VALUES ", 40 * rows + 64);
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sql.Append(',');
            sql.Append("($s").Append(r).Append(",$t").Append(r).Append(",$y").Append(r)
                .Append(",$d").Append(r).Append(",$p").Append(r).Append(",$h").Append(r).Append(')');
            cmd.Parameters.Add("$s" + r, SqliteType.Integer);
            cmd.Parameters.Add("$t" + r, SqliteType.Integer);
            cmd.Parameters.Add("$y" + r, SqliteType.Text);
            cmd.Parameters.Add("$d" + r, SqliteType.Text);
            cmd.Parameters.Add("$p" + r, SqliteType.Text);
            cmd.Parameters.Add("$h" + r, SqliteType.Text);
        }
        cmd.CommandText = sql.ToString();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, IReadOnlyList<EncodedEvent> batch, IReadOnlyList<EventEnvelope> envelopes, int first)
    {
        var p = cmd.Parameters;
        var rows = p.Count / Columns;
        for (var r = 0; r < rows; r++)
        {
            var e = envelopes[first + r];
            var at = r * Columns;
            p[at].Value = e.Sequence;
            p[at + 1].Value = HashChain.ToUnixMicroseconds(e.Timestamp);
            p[at + 2].Value = e.Type;
            p[at + 3].Value = Encoding.UTF8.GetString(batch[first + r].Utf8.Span);
            p[at + 4].Value = e.PrevHash.Hex;
            p[at + 5].Value = e.Hash.Hex;
        }
        cmd.ExecuteNonQuery();
    }
}
