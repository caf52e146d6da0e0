using System.Globalization;
using Spectre.Console;

namespace CcTsa.Cli.Bench;

/// <summary>
/// Shows a load phase while it runs: a Spectre.Console progress bar on an interactive terminal,
/// otherwise one plain line per second on the command's output (CI logs, tests, pipes).
/// </summary>
public sealed class BenchProgress(TextWriter output)
{
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="phase"/>, feeding its (elapsed, granted, errors) reports to the display.</summary>
    public async Task<LoadResult> ShowAsync(string label, TimeSpan duration, Func<Action<TimeSpan, long, long>, Task<LoadResult>> phase)
    {
        ArgumentNullException.ThrowIfNull(phase);
        if (!_interactive)
        {
            var next = TimeSpan.FromSeconds(1);
            var result = await phase((elapsed, granted, errors) =>
            {
                if (elapsed < next) return;
                next = elapsed + TimeSpan.FromSeconds(1);
                output.WriteLine(Line(label, elapsed, granted, errors));
            }).ConfigureAwait(false);
            output.WriteLine($"{label}: done, {result.Granted.ToString(CultureInfo.InvariantCulture)} tokens in {result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
            return result;
        }
        LoadResult? done = null;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(label), maxValue: duration.TotalSeconds);
                done = await phase((elapsed, granted, errors) =>
                {
                    task.Value = Math.Min(elapsed.TotalSeconds, duration.TotalSeconds);
                    task.Description = Markup.Escape(Line(label, elapsed, granted, errors));
                }).ConfigureAwait(false);
                task.Value = task.MaxValue;
                task.StopTask();
            }).ConfigureAwait(false);
        return done!;
    }

    private static string Line(string label, TimeSpan elapsed, long granted, long errors)
    {
        var rate = elapsed > TimeSpan.Zero ? granted / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{label}: {elapsed.TotalSeconds:0.0} s, {granted} tokens ({rate:0} tokens/s), {errors} errors");
    }
}
