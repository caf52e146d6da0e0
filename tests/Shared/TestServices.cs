using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

namespace CcTsa.Testing;

/// <summary>
/// Real PostgreSQL and RabbitMQ for tests. A Docker engine, when reachable, runs throwaway
/// containers (Testcontainers); otherwise the services started by test.sh are used through
/// CCTSA_PG / CCTSA_AMQP. Neither available: the test fails with a clear message, never skips.
/// </summary>
public static class TestServices
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _pg;
    private static string? _amqp;

    public static async Task<string> PostgresAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_pg is not null) return _pg;
            var env = Environment.GetEnvironmentVariable("CCTSA_PG");
            if (DockerReachable())
            {
                var container = new PostgreSqlBuilder("postgres:15").Build();
                await container.StartAsync().ConfigureAwait(false);
                return _pg = container.GetConnectionString();
            }
            return _pg = !string.IsNullOrEmpty(env) ? env
                : throw new InvalidOperationException("No PostgreSQL for tests: no Docker engine is reachable and CCTSA_PG is not set. Run ./test.sh, which starts a local PostgreSQL.");
        }
        finally { Gate.Release(); }
    }

    public static async Task<string> RabbitMqAsync()
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_amqp is not null) return _amqp;
            var env = Environment.GetEnvironmentVariable("CCTSA_AMQP");
            if (DockerReachable())
            {
                var container = new RabbitMqBuilder("rabbitmq:3.13-management").Build();
                await container.StartAsync().ConfigureAwait(false);
                return _amqp = container.GetConnectionString();
            }
            return _amqp = !string.IsNullOrEmpty(env) ? env
                : throw new InvalidOperationException("No RabbitMQ for tests: no Docker engine is reachable and CCTSA_AMQP is not set. Run ./test.sh, which starts a local RabbitMQ.");
        }
        finally { Gate.Release(); }
    }

    /// <summary>A Docker engine answers on its socket (the docker CLI alone is not an engine).</summary>
    private static bool DockerReachable()
    {
        var host = Environment.GetEnvironmentVariable("DOCKER_HOST");
        var socket = host is not null && host.StartsWith("unix://", StringComparison.Ordinal) ? host[7..] : "/var/run/docker.sock";
        if (!File.Exists(socket)) return false;
        try
        {
            using var s = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
            s.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socket));
            return true;
        }
        catch (System.Net.Sockets.SocketException) { return false; }
    }
}
