namespace CcTsa.Cli.Commands;

/// <summary>An expected CLI failure (bad input, unreachable service) with its exit code; printed without a stack trace.</summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
