using Npgsql;

namespace CcTsa.ControlPlane.Runbooks.Leadership;

/// <summary>
/// Leadership on PostgreSQL: a session-level pg_try_advisory_lock held on a dedicated connection
/// for as long as this instance leads. If that session ends PostgreSQL releases the lock and another
/// contender takes it on its next try (the runbook engine tries every 250 ms). A leader killed with
/// SIGKILL loses it at once: the kernel closes its socket and the server backend sees EOF. A leader
/// whose host or network vanished is found by TCP keepalives on both sides
/// (<see cref="SessionSettings"/>): about <see cref="LossDetection"/> until the server drops the
/// session, while the leader's own check fails within its command timeout and it stops acting.
/// A contender keeps one connection for its tries instead of opening one per try.
/// </summary>
public sealed class PostgresLeadership(string connectionString, long lockKey = PostgresLeadership.DefaultLockKey) : ILeadership
{
    /// <summary>ASCII "cctsaLDR".</summary>
    public const long DefaultLockKey = 0x6363747361_4C4452;

    /// <summary>Server-side keepalive of the lock session: idle 2 s, then 3 probes 1 s apart.</summary>
    public const string SessionSettings = "SET tcp_keepalives_idle = 2; SET tcp_keepalives_interval = 1; SET tcp_keepalives_count = 3";

    /// <summary>Upper bound of how long a vanished leader's session keeps the lock (keepalive idle + probes).</summary>
    public static readonly TimeSpan LossDetection = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _session;
    private bool _leading;

    public bool IsLeader => Volatile.Read(ref _leading);

    public async Task<bool> TryAcquireAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_leading) return true;
            try
            {
                var session = await SessionAsync(ct).ConfigureAwait(false);
                await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(@k)", session);
                cmd.Parameters.AddWithValue("k", lockKey);
                if (await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false) is true)
                    Volatile.Write(ref _leading, true);
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // unreachable database: not leader (the caller retries later on a new session)
                await DropSessionAsync().ConfigureAwait(false);
            }
            return _leading;
        }
        finally { _gate.Release(); }
    }

    public async Task<bool> CheckAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (!_leading || _session is null) return false;
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT 1", _session);
                await cmd.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // the session (and so the lock) is gone
                await DropSessionAsync().ConfigureAwait(false);
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
            if (_leading && _session is not null)
            {
                try
                {
                    // unlocked before the session closes: closing releases it too, but only once the
                    // server has ended the backend, after this returns — a successor could try in between
                    await using var unlock = new NpgsqlCommand("SELECT pg_advisory_unlock(@k)", _session);
                    unlock.Parameters.AddWithValue("k", lockKey);
                    await unlock.ExecuteScalarAsync().ConfigureAwait(false);
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    // the session is already gone, and the lock with it
                }
            }
            await DropSessionAsync().ConfigureAwait(false);
        }
        finally { _gate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<NpgsqlConnection> SessionAsync(CancellationToken ct)
    {
        if (_session is { State: System.Data.ConnectionState.Open } open) return open;
        await DropSessionAsync().ConfigureAwait(false);
        // unpooled: closing must end the session, or a pooled connection would keep the lock
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            KeepAlive = 1,
            Timeout = 5,
            CommandTimeout = 3,
        };
        var conn = new NpgsqlConnection(builder.ToString());
        try
        {
            await conn.OpenAsync(ct).ConfigureAwait(false);
            await using var keepalive = new NpgsqlCommand(SessionSettings, conn);
            await keepalive.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        catch
        {
            await conn.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _session = conn;
        return conn;
    }

    private async Task DropSessionAsync()
    {
        Volatile.Write(ref _leading, false);
        if (_session is null) return;
        await _session.DisposeAsync().ConfigureAwait(false);
        _session = null;
    }
}
