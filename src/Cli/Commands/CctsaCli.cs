using System.CommandLine;

namespace CcTsa.Cli.Commands;

/// <summary>
/// The `cctsa` command tree. Each verb lives in its own file (UpCommand, VerifyCommand, …) with a
/// static Create() and is listed here once.
/// </summary>
public static class CctsaCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("cctsa — control plane of the confidential-computing threshold Time-Stamp Authority");
        foreach (var command in Commands())
            root.Subcommands.Add(command);
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();

    private static IEnumerable<Command> Commands()
    {
        // one line per verb, in the order `cctsa --help` lists them
        yield return UpCommand.Create();
        yield return ServeCommand.Create();
        yield return StatusCommand.Create();
        yield return RequestCommand.Create();
        yield return VerifyCommand.Create();
        yield return AuditCommand.Create();
        yield return AttestationCommand.Create();
        yield return CaCommand.Create();
        yield return ClockCommand.Create();
        yield return FaultCommand.Create();
        yield return BenchCommand.Create();
    }
}
