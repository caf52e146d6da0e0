using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace CcTsa.Cli.Embedded;

/// <summary>
/// Shows `cctsa up`'s start-up stages: Spectre spinners on an interactive terminal, otherwise one
/// plain line per stage with the elapsed time ("[  4.2 s] 5 nodes attested"), because a progress
/// display written into a CI log or a pipe only shows "0%" for every stage (issue 19).
/// </summary>
public sealed class StartupDisplay(TextWriter output, int port)
{
    private readonly bool _interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>What each stage is called, in the order they are reached.</summary>
    public string Label(StartupStage stage) => stage switch
    {
        StartupStage.StoreOpened => "store opened",
        StartupStage.NodesAttested => "5 nodes attested",
        StartupStage.KeyGenerated => "distributed key generation (3-of-5)",
        StartupStage.CertificateInstalled => "TSA certificate issued and installed",
        StartupStage.Serving => $"serving on http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "unknown start-up stage"),
    };

    /// <summary>Runs <paramref name="start"/>, showing every stage it reports once.</summary>
    public Task RunAsync(Func<Action<StartupStage>, Task> start)
    {
        ArgumentNullException.ThrowIfNull(start);
        return _interactive ? SpinnersAsync(start) : LinesAsync(start);
    }

    /// <summary>The plain form: "[  4.2 s] 5 nodes attested", flushed at once so `up > log` follows along.</summary>
    public static string Line(TimeSpan elapsed, string label) =>
        string.Create(CultureInfo.InvariantCulture, $"[{elapsed.TotalSeconds,5:0.0} s] {label}");

    private async Task LinesAsync(Func<Action<StartupStage>, Task> start)
    {
        var clock = Stopwatch.StartNew();
        await output.WriteLineAsync("starting the embedded TSA (control plane + five simulated SEV-SNP signers)").ConfigureAwait(false);
        await output.FlushAsync().ConfigureAwait(false);
        await start(stage =>
        {
            output.WriteLine(Line(clock.Elapsed, Label(stage)));
            output.Flush();
        }).ConfigureAwait(false);
    }

    private Task SpinnersAsync(Func<Action<StartupStage>, Task> start) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new SpinnerColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var tasks = Enum.GetValues<StartupStage>().ToDictionary(s => s, s => ctx.AddTask(Markup.Escape(Label(s))));
                foreach (var t in tasks.Values) t.IsIndeterminate = true;
                await start(stage =>
                {
                    tasks[stage].IsIndeterminate = false;
                    tasks[stage].Value = tasks[stage].MaxValue;
                    tasks[stage].StopTask();
                }).ConfigureAwait(false);
            });
}
