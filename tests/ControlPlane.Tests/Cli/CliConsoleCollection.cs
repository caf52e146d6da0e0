namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>CLI tests redirect Console, which is process-wide: they must not run in parallel.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliConsoleCollection
{
    public const string Name = "cli-console";
}
