using System.Globalization;

namespace CcTsa.Contracts.Hosting;

/// <summary>
/// Failure-detection timings an operator (or a test harness) may shorten without a rebuild, read
/// from environment variables in whole milliseconds. The one reader for both executables, so
/// `cctsa up`, `cctsa serve` and `cctsa-signer` agree on names and parsing. Unset = the caller's
/// production default; a malformed value is an error naming the variable (never silently ignored).
/// </summary>
public static class TimingEnvironment
{
    /// <summary>Control plane: a node silent for this long is lost.</summary>
    public const string HeartbeatTimeout = "CCTSA_HEARTBEAT_TIMEOUT_MS";

    /// <summary>Control plane: how long it waits for a ceremony's participants to report.</summary>
    public const string CeremonyTimeout = "CCTSA_CEREMONY_TIMEOUT_MS";

    /// <summary>Signers: heartbeat (NodeAnnounced) period.</summary>
    public const string AnnounceInterval = "CCTSA_ANNOUNCE_INTERVAL_MS";

    /// <summary>Signers: TriHaRd clock-probe period.</summary>
    public const string ProbeInterval = "CCTSA_PROBE_INTERVAL_MS";

    private static readonly string[] All = [HeartbeatTimeout, CeremonyTimeout, AnnounceInterval, ProbeInterval];

    /// <summary>The first malformed variable's message, or null: each executable checks this before it starts (usage error).</summary>
    public static string? FirstError()
    {
        foreach (var variable in All)
            if (!TryParse(variable, Environment.GetEnvironmentVariable(variable), TimeSpan.Zero, out _, out var error)) return error;
        return null;
    }

    /// <summary>The variable's value, or <paramref name="fallback"/> when unset (malformed values are refused earlier by <see cref="FirstError"/>).</summary>
    public static TimeSpan Read(string variable, TimeSpan fallback) =>
        TryParse(variable, Environment.GetEnvironmentVariable(variable), fallback, out var value, out _) ? value : fallback;

    /// <summary>The parsing rule, apart from the process environment (unit-tested).</summary>
    public static bool TryParse(string variable, string? raw, TimeSpan fallback, out TimeSpan value, out string? error)
    {
        value = fallback;
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) return true;
        if (!long.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ms) || ms < 1 || ms > 86_400_000)
        {
            error = $"{variable} must be a whole number of milliseconds between 1 and 86400000.";
            return false;
        }
        value = TimeSpan.FromMilliseconds(ms);
        return true;
    }
}
