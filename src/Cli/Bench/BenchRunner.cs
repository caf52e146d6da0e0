using System.Globalization;
using CcTsa.Cli.Commands;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Bench;

/// <summary>
/// One `cctsa bench` run: starts (or connects to) the target and the single-key baseline, warms
/// both up, then for each concurrency runs the target and the baseline back to back in this
/// process — so the ratio holds on a noisy machine — and prints, writes the JSON and the plot. A
/// hybrid policy also loads the same target under its classical policy (ecdsa-p384) at each
/// concurrency, and the single-key baseline is that classical policy's (hybrid ÷ classical in one run).
/// </summary>
public sealed class BenchRunner(BenchSettings settings, TextWriter output)
{
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var token = settings.TokenFile is null ? null : CliToken.Resolve(settings.TokenFile, null, required: true);
        output.WriteLine(settings.Embedded ? "starting the embedded TSA (five in-process signers, DKG 3-of-5) …" : $"connecting to {settings.Url} …");
        await using IBenchTarget target = settings.Embedded
            ? await EmbeddedTarget.StartAsync(ct).ConfigureAwait(false)
            : await RemoteTarget.ConnectAsync(settings.Url!, ct).ConfigureAwait(false);
        var classicalPolicy = settings.Policy.IsHybrid ? TsaPolicies.ByScheme(settings.Policy.Scheme) : null;
        var baselinePolicy = classicalPolicy ?? settings.Policy;
        output.WriteLine($"starting the single-key {baselinePolicy.Algorithm} baseline (same HTTP pipeline, one in-memory key) …");
        await using var baseline = await BaselineTarget.StartAsync(baselinePolicy, ct).ConfigureAwait(false);
        var most = settings.Concurrency.Max();
        using var targetHttp = Client(most, token);
        using var baselineHttp = Client(most, null);
        var load = new LoadGenerator(targetHttp, target.Tsa, settings.Policy, new SampleVerifier(target.CaCertificateDer));
        var reference = new LoadGenerator(baselineHttp, baseline.Tsa, baselinePolicy, new SampleVerifier(baseline.CaCertificateDer));
        var classical = classicalPolicy is null ? null : new LoadGenerator(targetHttp, target.Tsa, classicalPolicy, new SampleVerifier(target.CaCertificateDer));
        var progress = new BenchProgress(output);

        // JIT, connection pools, commitment stock: not measured
        if (settings.WarmUpSeconds > 0)
        {
            var warmUp = TimeSpan.FromSeconds(settings.WarmUpSeconds);
            await progress.ShowAsync($"warm-up, {target.Name}", warmUp, report => load.RunAsync(most, warmUp, report, ct)).ConfigureAwait(false);
            await progress.ShowAsync($"warm-up, {baseline.Name}", warmUp, report => reference.RunAsync(most, warmUp, report, ct)).ConfigureAwait(false);
            if (classical is not null)
                await progress.ShowAsync($"warm-up, {target.Name} {classicalPolicy!.Name}", warmUp, report => classical.RunAsync(most, warmUp, report, ct)).ConfigureAwait(false);
        }

        var duration = TimeSpan.FromSeconds(settings.Seconds);
        var points = new List<BenchPoint>(settings.Concurrency.Count);
        foreach (var c in settings.Concurrency)
        {
            var presignedBefore = (target as EmbeddedTarget)?.Presignatures;
            var measured = await progress.ShowAsync($"{target.Name}, concurrency {c.ToString(CultureInfo.InvariantCulture)}", duration,
                report => load.RunAsync(c, duration, report, ct)).ConfigureAwait(false);
            if (presignedBefore is { } p0 && target is EmbeddedTarget embedded && embedded.Presignatures is var p1 && p1.Made + p1.Taken > 0)
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"presignatures while measuring: {p1.Made - p0.Made} made, {p1.Taken - p0.Taken} taken, {p1.Discarded - p0.Discarded} discarded, {p1.InStock} in stock; {measured.Granted} tokens granted"));
            LoadResult? classicalResult = null;
            if (classical is not null)
                classicalResult = await progress.ShowAsync($"{target.Name} {classicalPolicy!.Name}, concurrency {c.ToString(CultureInfo.InvariantCulture)}", duration,
                    report => classical.RunAsync(c, duration, report, ct)).ConfigureAwait(false);
            var single = await progress.ShowAsync($"{baseline.Name}, concurrency {c.ToString(CultureInfo.InvariantCulture)}", duration,
                report => reference.RunAsync(c, duration, report, ct)).ConfigureAwait(false);
            points.Add(new BenchPoint(measured, single, classicalResult));
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
