using System.Globalization;
using CcTsa.Crypto.Pki;

namespace CcTsa.Cli.Bench;

/// <summary>
/// What one `cctsa bench` run does, checked once: the target (a running TSA at <see cref="Url"/> or
/// an embedded one), how long and how many requests in flight, the policy asked for, and where
/// the JSON and the sweep plot go. <see cref="TryCreate"/> names the flag at fault.
/// </summary>
public sealed record BenchSettings
{
    public const int MaxConcurrency = 4096;
    public const int MaxSeconds = 24 * 3600;

    /// <summary>The TSA endpoint (…/tsa); null with <see cref="Embedded"/>.</summary>
    public Uri? Url { get; init; }

    public bool Embedded { get; init; }

    public int Seconds { get; init; } = 10;

    /// <summary>
    /// Unmeasured seconds before the first level, for the target and again for the baseline: JIT tiering,
    /// connection pools, commitment stock. One is enough for a smoke test; on 2 cores the runtime is still
    /// re-compiling hot methods 15 s in, so a figure for the record wants more.
    /// </summary>
    public int WarmUpSeconds { get; init; } = 1;

    /// <summary>The concurrency levels to run, in order: one value, or the --sweep list.</summary>
    public IReadOnlyList<int> Concurrency { get; init; } = [16];

    public bool Sweep { get; init; }

    public TsaPolicy Policy { get; init; } = TsaPolicies.Default;

    public string? JsonPath { get; init; }

    public string? PngPath { get; init; }

    public string? TokenFile { get; init; }

    /// <summary>Builds the settings from the raw flag values, or says which flag is wrong and why.</summary>
    public static bool TryCreate(string? url, bool embedded, int seconds, int concurrency, string? policy, string? json,
        string? sweep, string? png, string? tokenFile, out BenchSettings settings, out string error, int warmUp = 1)
    {
        settings = new BenchSettings();
        error = "";
        if ((url is null) == !embedded)
            return Fail("give exactly one of --url URL (a running TSA) and --embedded (start one in this process)", out error);
        Uri? tsa = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out tsa) || (tsa.Scheme != Uri.UriSchemeHttp && tsa.Scheme != Uri.UriSchemeHttps)))
            return Fail($"--url must be an absolute http(s) URL of the TSA endpoint, got '{url}'", out error);
        if (seconds is < 1 or > MaxSeconds)
            return Fail($"--seconds must be 1..{MaxSeconds}, got {seconds}", out error);
        if (warmUp is < 0 or > MaxSeconds)
            return Fail($"--warmup must be 0..{MaxSeconds}, got {warmUp}", out error);
        if (concurrency is < 1 or > MaxConcurrency)
            return Fail($"--concurrency must be 1..{MaxConcurrency}, got {concurrency}", out error);
        var chosen = policy is null ? TsaPolicies.Default : TsaPolicies.Find(policy);
        if (chosen is null)
            return Fail($"--policy '{policy}' is not a known policy; use one of {string.Join(", ", TsaPolicies.All.Select(p => $"{p.Name} ({p.Oid})"))}", out error);
        IReadOnlyList<int> levels = [concurrency];
        if (sweep is not null && !TryParseSweep(sweep, out levels, out error))
            return false;
        if (png is not null && sweep is null)
            return Fail("--png needs --sweep (the plot is of tokens/s and p99 against concurrency)", out error);
        if (sweep is not null && png is null && json is null)
            return Fail("--sweep needs --png FILE or --json FILE (the plot is written next to the JSON)", out error);
        settings = new BenchSettings
        {
            Url = tsa,
            Embedded = embedded,
            Seconds = seconds,
            WarmUpSeconds = warmUp,
            Concurrency = levels,
            Sweep = sweep is not null,
            Policy = chosen,
            JsonPath = json,
            PngPath = png ?? (sweep is not null ? Path.ChangeExtension(json!, ".png") : null),
            TokenFile = tokenFile,
        };
        return true;
    }

    private static bool TryParseSweep(string raw, out IReadOnlyList<int> levels, out string error)
    {
        levels = [];
        var parts = raw.Split(',', StringSplitOptions.TrimEntries);
        var parsed = new List<int>(parts.Length);
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c is < 1 or > MaxConcurrency)
                return Fail($"--sweep must be a comma-separated list of concurrencies 1..{MaxConcurrency} such as 1,4,16,64; '{part}' is not one", out error);
            if (parsed.Contains(c))
                return Fail($"--sweep lists concurrency {c} twice", out error);
            parsed.Add(c);
        }
        if (parsed.Count < 2)
            return Fail("--sweep needs at least two concurrencies (a plot of one point says nothing)", out error);
        levels = [.. parsed.Order()];
        error = "";
        return true;
    }

    private static bool Fail(string message, out string error)
    {
        error = message;
        return false;
    }
}
