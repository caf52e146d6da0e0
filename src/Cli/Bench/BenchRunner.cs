using System.Globalization;
using CcTsa.Cli.Commands;

namespace CcTsa.Cli.Bench;

/// <summary>
/// One `cctsa bench` run: starts (or connects to) the target and the single-key baseline, warms
/// both up, then for each concurrency runs the target and the baseline back to back in this
/// process — so the ratio holds on a noisy machine — and prints, writes the JSON and the plot.
/// </summary>
public sealed class BenchRunner(BenchSettings settings, TextWriter output)
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var token = settings.TokenFile is null ? null : CliToken.Resolve(settings.TokenFile, null, required: true);
        output.WriteLine(settings.Embedded ? "starting the embedded TSA (five in-process signers, DKG 3-of-5) …" : $"connecting to {settings.Url} …");
        await using IBenchTarget target = settings.Embedded
            ? await EmbeddedTarget.StartAsync(ct).ConfigureAwait(false)
            : await RemoteTarget.ConnectAsync(settings.Url!, ct).ConfigureAwait(false);
        output.WriteLine($"starting the single-key {settings.Policy.Algorithm} baseline (same HTTP pipeline, one in-memory key) …");
        await using var baseline = await BaselineTarget.StartAsync(settings.Policy, ct).ConfigureAwait(false);
        var most = settings.Concurrency.Max();
        using var targetHttp = Client(most, token);
        using var baselineHttp = Client(most, null);
        var load = new LoadGenerator(targetHttp, target.Tsa, settings.Policy, new SampleVerifier(target.CaCertificateDer));
        var reference = new LoadGenerator(baselineHttp, baseline.Tsa, settings.Policy, new SampleVerifier(baseline.CaCertificateDer));
        var progress = new BenchProgress(output);

        // JIT, connection pools, commitment stock: not measured
        await load.RunAsync(settings.Concurrency[0], WarmUp, null, ct).ConfigureAwait(false);
        await reference.RunAsync(settings.Concurrency[0], WarmUp, null, ct).ConfigureAwait(false);

        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var points = new List<BenchPoint>(settings.Concurrency.Count);
        foreach (var c in settings.Concurrency)
        {
            var measured = await progress.ShowAsync($"{target.Name}, concurrency {c.ToString(CultureInfo.InvariantCulture)}", duration,
                report => load.RunAsync(c, duration, report, ct)).ConfigureAwait(false);
            var single = await progress.ShowAsync($"{baseline.Name}, concurrency {c.ToString(CultureInfo.InvariantCulture)}", duration,
                report => reference.RunAsync(c, duration, report, ct)).ConfigureAwait(false);
            points.Add(new BenchPoint(measured, single));
        }

        BenchReport.Print(output, target.Name, settings.Policy.ToString(), points);
        if (settings.JsonPath is { } json)
        {
            WriteFile(json, () => File.WriteAllText(json, BenchJson.Render(target.Name, settings.Policy, settings.Seconds, points)));
            output.WriteLine("JSON: " + Path.GetFullPath(json));
        }
        if (settings.Sweep && settings.PngPath is { } png)
        {
            WriteFile(png, () => SweepPlot.Write(png, $"cctsa bench: {target.Name}, policy {settings.Policy.Name}, {settings.Seconds} s per point", points));
            output.WriteLine("plot: " + Path.GetFullPath(png));
        }
        // a token that does not verify means the TSA is wrong, whatever its speed
        return points.Any(p => p.Target.Errors.Keys.Any(r => r.StartsWith("token invalid", StringComparison.Ordinal))) ? ExitCodes.Invalid : ExitCodes.Ok;
    }

    private static HttpClient Client(int connections, string? bearer)
    {
        var handler = new SocketsHttpHandler
        {
            // one keep-alive connection per worker, kept for the whole run
            MaxConnectionsPerServer = connections,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        CliToken.Apply(http, bearer);
        return http;
    }

    private static void WriteFile(string path, Action write)
    {
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (directory is not null) Directory.CreateDirectory(directory);
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.Usage, $"cannot write {Path.GetFullPath(path)}: {e.Message}");
        }
    }
}
