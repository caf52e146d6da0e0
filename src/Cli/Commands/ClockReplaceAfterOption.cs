using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `--clock-replace-after SPAN` of `up` and `serve`: how long a node may stay excluded for its clock
/// after the clock-drift incident opened before the runbook asks to replace it
/// (FleetOptions.ClockDriftReplaceAfter, RUNBOOKS §7). Seconds ("90") or a TimeSpan ("00:05:00").
/// </summary>
public static class ClockReplaceAfterOption
{
    // below a few seconds an ordinary TriHaRd exclusion (two good beats to rejoin) would already be "persistent"
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(7);

    public static Option<string?> Create() => new("--clock-replace-after")
    {
        Description = "A node still excluded for its clock this long after the clock-drift incident opened gets a replace:nX runbook step; seconds or hh:mm:ss (default 00:10:00)",
    };

    /// <summary>The limit given (null when absent: FleetOptions' default), or the usage error naming the value.</summary>
    public static bool TryResolve(string? value, out TimeSpan? limit, [NotNullWhen(false)] out string? error)
    {
        limit = null;
        error = null;
        if (value is null) return true;
        TimeSpan parsed;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
            && Math.Abs(seconds) < Maximum.TotalSeconds * 2)
            parsed = TimeSpan.FromSeconds(seconds);
        else if (!TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out parsed))
        {
            error = $"--clock-replace-after: '{value}' is neither seconds (e.g. 600) nor a time span (e.g. 00:10:00).";
            return false;
        }
        if (parsed < Minimum || parsed > Maximum)
        {
            error = $"--clock-replace-after: {parsed} is outside {Minimum} .. {Maximum}.";
            return false;
        }
        limit = parsed;
        return true;
    }

    /// <summary><paramref name="fleet"/> with the limit given, unchanged when none was.</summary>
    public static CcTsa.ControlPlane.Fleet.FleetOptions Apply(CcTsa.ControlPlane.Fleet.FleetOptions fleet, TimeSpan? limit)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        return limit is { } l ? fleet with { ClockDriftReplaceAfter = l } : fleet;
    }
}
