using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.Testing;
using Npgsql;

namespace CcTsa.ControlPlane.Tests.Audit;

public sealed class LeadershipTests
{
    [Fact]
    public async Task Postgres_leadership_admits_one_contender_and_passes_on_when_the_leader_connection_dies()
    {
        var cs = await TestServices.PostgresAsync();
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        await using var a = new PostgresLeadership(cs, key);
        await using var b = new PostgresLeadership(cs, key);
        var results = await Task.WhenAll(a.TryAcquireAsync(), b.TryAcquireAsync());
        Assert.Equal(1, results.Count(r => r));
        var (leader, follower) = a.IsLeader ? (a, b) : (b, a);
        Assert.False(await follower.TryAcquireAsync());

        // kill the leader's backend: PostgreSQL drops its advisory lock with the session
        await using (var admin = new NpgsqlConnection(cs))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND objid = (@k & x'FFFFFFFF'::bigint)::oid AND granted", admin);
            kill.Parameters.AddWithValue("k", key);
            await kill.ExecuteNonQueryAsync();
        }
        Assert.False(await leader.CheckAsync());
        Assert.False(leader.IsLeader);
        Assert.True(await follower.TryAcquireAsync());
        Assert.True(await follower.CheckAsync());
    }

    [Fact]
    public async Task Postgres_leadership_released_is_taken_by_the_other()
    {
        var cs = await TestServices.PostgresAsync();
        var key = Random.Shared.NextInt64(1, long.MaxValue);
        await using var a = new PostgresLeadership(cs, key);
        await using var b = new PostgresLeadership(cs, key);
        Assert.True(await a.TryAcquireAsync());
        Assert.False(await b.TryAcquireAsync());
        await a.ReleaseAsync();
        Assert.True(await b.TryAcquireAsync());
    }

    [Fact]
    public async Task File_leadership_admits_one_holder_per_data_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cctsa-lead-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var a = new FileLeadership(dir);
            await using var b = new FileLeadership(dir);
            Assert.True(await a.TryAcquireAsync());
            Assert.False(await b.TryAcquireAsync());
            await a.ReleaseAsync();
            Assert.True(await b.TryAcquireAsync());
            Assert.True(await b.CheckAsync());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
