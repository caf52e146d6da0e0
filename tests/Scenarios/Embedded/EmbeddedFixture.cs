using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Hosting;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// Starts `cctsa up`'s composition in-process on a free port with a temporary data directory and
/// offers the HTTP calls the scenarios make. Every wait is bounded (poll with a deadline).
/// </summary>
internal sealed class EmbeddedFixture : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private EmbeddedFixture(EmbeddedHost host, string dataDirectory)
    {
        Host = host;
        DataDirectory = dataDirectory;
        Http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
        // the operator token the host created in its data folder (DATA/operator-token)
        Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            File.ReadAllText(Path.Combine(dataDirectory, "operator-token")).Trim());
    }

    public EmbeddedHost Host { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "cctsa-scenario-" + Guid.NewGuid().ToString("N")[..12]);

    public static async Task<EmbeddedFixture> StartAsync(string dataDirectory, bool faults = false)
    {
        var settings = new HostSettings { Port = 0, DataDirectory = dataDirectory, Faults = faults, Embedded = true, QuietConsole = true };
        var host = await EmbeddedHost.StartAsync(settings, null, CancellationToken.None);
        try
        {
            await host.WaitUntilServingAsync(StartTimeout, null, CancellationToken.None);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return new EmbeddedFixture(host, dataDirectory);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var doc = JsonDocument.Parse(await Http.GetStringAsync(new Uri(path, UriKind.Relative)));
        return doc.RootElement.Clone();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, object? body = null) =>
        body is null ? await Http.PostAsync(new Uri(path, UriKind.Relative), null) : await Http.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    /// <summary>Polls /api/cluster until <paramref name="condition"/> holds; fails with the last body after the deadline.</summary>
    public async Task<JsonElement> WaitForClusterAsync(Func<JsonElement, bool> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        JsonElement last = default;
        while (watch.Elapsed < Patience)
        {
            last = await GetJsonAsync("/api/cluster");
            if (condition(last)) return last;
            await Task.Delay(200);
        }
        throw new TimeoutException($"cluster never became {what} within {Patience.TotalSeconds:0} s; last: {last}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}
