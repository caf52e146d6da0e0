using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using CcTsa.Testing;
using Npgsql;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// A throwaway PostgreSQL database and RabbitMQ virtual host for one distributed scenario, on the
/// real services (TestServices: CCTSA_PG / CCTSA_AMQP), so runs never see each other's events or
/// queues. The vhost is made through the RabbitMQ management API (port 15672, or
/// CCTSA_AMQP_MANAGEMENT). Both are dropped on dispose.
/// </summary>
public sealed class IsolatedServices : IAsyncDisposable
{
    private readonly string _adminPg;
    private readonly Uri _management;
    private readonly string _user;
    private readonly string _password;

    private IsolatedServices(string name, string adminPg, string pg, Uri amqp, Uri management, string user, string password)
    {
        Name = name;
        _adminPg = adminPg;
        PostgresConnection = pg;
        AmqpUri = amqp;
        _management = management;
        _user = user;
        _password = password;
    }

    public string Name { get; }

    public string PostgresConnection { get; }

    public Uri AmqpUri { get; }

    public static async Task<IsolatedServices> CreateAsync()
    {
        var name = "cctsa_scn_" + Guid.NewGuid().ToString("N")[..12];
        var adminPg = await TestServices.PostgresAsync().ConfigureAwait(false);
        await using (var conn = new NpgsqlConnection(adminPg))
        {
            await conn.OpenAsync().ConfigureAwait(false);
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
            await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
        var pg = new NpgsqlConnectionStringBuilder(adminPg) { Database = name }.ConnectionString;

        var baseAmqp = new Uri(await TestServices.RabbitMqAsync().ConfigureAwait(false));
        var userInfo = Uri.UnescapeDataString(baseAmqp.UserInfo).Split(':', 2);
        var (user, password) = (userInfo.ElementAtOrDefault(0) is { Length: > 0 } u ? u : "guest", userInfo.ElementAtOrDefault(1) ?? "guest");
        var management = new Uri(Environment.GetEnvironmentVariable("CCTSA_AMQP_MANAGEMENT") is { Length: > 0 } m ? m : $"http://{baseAmqp.Host}:15672/");
        var services = new IsolatedServices(name, adminPg, pg, new UriBuilder(baseAmqp) { Path = "/" + name }.Uri, management, user, password);
        using var http = services.Management();
        await Check(await http.PutAsync($"api/vhosts/{name}", null).ConfigureAwait(false), "create vhost").ConfigureAwait(false);
        await Check(await http.PutAsync($"api/permissions/{name}/{Uri.EscapeDataString(user)}",
            JsonContent.Create(new { configure = ".*", write = ".*", read = ".*" })).ConfigureAwait(false), "grant vhost").ConfigureAwait(false);
        return services;
    }

    public async ValueTask DisposeAsync()
    {
        using (var http = Management())
        {
            try
            {
                using var _ = await http.DeleteAsync($"api/vhosts/{Name}").ConfigureAwait(false);
            }
            catch (HttpRequestException)
            {
                // broker gone: nothing left to clean
            }
        }
        await using var conn = new NpgsqlConnection(_adminPg);
        await conn.OpenAsync().ConfigureAwait(false);
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", conn);
        await cmd.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    private HttpClient Management()
    {
        var http = new HttpClient { BaseAddress = _management, Timeout = TimeSpan.FromSeconds(15) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_user}:{_password}")));
        return http;
    }

    private static async Task Check(HttpResponseMessage r, string what)
    {
        using (r)
        {
            if (!r.IsSuccessStatusCode)
                throw new InvalidOperationException($"RabbitMQ management API: {what} answered {(int)r.StatusCode}: {await r.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }
}
