using System.Net.Http.Headers;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Hosting;
using Microsoft.Playwright;

namespace CcTsa.Dashboard.Tests;

/// <summary>
/// One `cctsa up --faults` per test class (its composition in-process: SQLite log, in-memory bus,
/// five embedded signers, faults API, free port) and one headless Debian Chromium driven by
/// Playwright through <see cref="ChromiumPath"/> — Playwright never downloads a browser here.
/// </summary>
public sealed class DashboardCluster : IAsyncLifetime
{
    /// <summary>Debian's chromium, installed by test.sh.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly string _data = Path.Combine(Path.GetTempPath(), "cctsa-dash-" + Guid.NewGuid().ToString("N")[..12]);
    private EmbeddedHost? _host;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public string OperatorToken { get; private set; } = "";

    public EmbeddedHost Host => _host ?? throw new InvalidOperationException("the cluster is not started");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        var settings = new HostSettings { Port = 0, DataDirectory = _data, Faults = true, Embedded = true, QuietConsole = true };
        _host = await EmbeddedHost.StartAsync(settings, null, CancellationToken.None);
        await _host.WaitUntilServingAsync(StartTimeout, null, CancellationToken.None);
        Address = new UriBuilder(_host.Address) { Host = "127.0.0.1" }.Uri;
        OperatorToken = (await File.ReadAllTextAsync(Path.Combine(_data, "operator-token"))).Trim();
        Operator = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        Operator.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", OperatorToken);
        // page updates arrive once a second; on a loaded CI machine a render can lag a few seconds
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true });
    }

    /// <summary>A fresh tab at 1280×800 on /dashboard, with every console error and page error collected.</summary>
    public async Task<DashboardPage> OpenAsync(int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, BaseURL = Address.ToString() });
        var page = await context.NewPageAsync();
        var dashboard = new DashboardPage(context, page);
        await page.GotoAsync("/dashboard");
        return dashboard;
    }

    /// <summary>POST to the faults API with the operator token; fails the test on a refusal.</summary>
    public async Task FaultAsync(string path)
    {
        using var response = await Operator.PostAsync(new Uri(path, UriKind.Relative), null);
        Assert.True(response.IsSuccessStatusCode, $"{path}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Has <paramref name="count"/> time-stamp tokens issued over POST /tsa (default policy), a few at a time.</summary>
    public async Task StampAsync(int count)
    {
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var request = System.Security.Cryptography.Pkcs.Rfc3161TimestampRequest.CreateFromData(
                System.Text.Encoding.UTF8.GetBytes($"dashboard document {i}"), System.Security.Cryptography.HashAlgorithmName.SHA256, requestSignerCertificates: true);
            using var content = new ByteArrayContent(request.Encode());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            using var reply = await Operator.PostAsync(new Uri("/tsa", UriKind.Relative), content, ct);
            // the token itself is checked elsewhere (.NET cannot read the Ed25519 policy's): here only that one came back
            Assert.Equal(System.Net.HttpStatusCode.OK, reply.StatusCode);
            Assert.Equal("application/timestamp-reply", reply.Content.Headers.ContentType?.MediaType);
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        Operator?.Dispose();
        if (_host is not null) await _host.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: the OS cleans the temp folder
        }
    }
}
