using CcTsa.Cli.Commands;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// Runs `cctsa` in-process with Console captured: exit code, stdout, stderr. Console is
/// process-wide, so callers are in <see cref="CliConsoleCollection"/> (never in parallel).
/// </summary>
internal static class CliConsole
{
    public static async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (Console.Out, Console.Error);
        using var o = new StringWriter();
        using var e = new StringWriter();
        Console.SetOut(o);
        Console.SetError(e);
        try
        {
            return (await CctsaCli.RunAsync(args), o.ToString(), e.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }
    }
}
