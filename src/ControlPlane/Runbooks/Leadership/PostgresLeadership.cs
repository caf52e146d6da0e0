using Npgsql;

namespace CcTsa.ControlPlane.Runbooks.Leadership;

/// <summary>
/// Leadership on PostgreSQL: a session-level pg_try_advisory_lock held on a dedicated connection
/// for as long as this instance leads. If that connection dies (process crash, network loss,
/// backend terminated) PostgreSQL releases the lock and another contender can take it.
/// </summary>
public sealed class PostgresLeadership(string connectionString, long lockKey = PostgresLeadership.DefaultLockKey) : ILeadership
{
    /// <summary>ASCII "cctsaLDR".</summary>
    public const long DefaultLockKey = 0x6363747361_4C4452;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _held;

    public bool IsLeader => _held is not null;

    public async Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_held is not null) return true;
            // unpooled: closing must end the session, or a pooled connection would keep the lock
            var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
            try
            {
                await conn.OpenAsync(ct).ConfigureAwait(false);
                await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", conn);
                cmd.Parameters.AddWithValue("k", lockKey);
                if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
                {
                    _held = conn;
                    return true;
                }
            }
            catch (NpgsqlException)
            {
                // unreachable database: not leader (the caller retries later)
            }
            await conn.DisposeAsync().ConfigureAwait(false);
            return false;
        }
        finally { _gate.Release(); }
    }

    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_held is null) return false;
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT 1", _held);
                await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
            {
                // the session (and so the lock) is gone
                await _held.DisposeAsync().ConfigureAwait(false);
                _held = null;
                return false;
            }
        }
        finally { _gate.Release(); }
    }

    public async Task ReleaseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_held is null) return;
            // closing the session releases its advisory locks
            await _held.DisposeAsync().ConfigureAwait(false);
            _held = null;
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
