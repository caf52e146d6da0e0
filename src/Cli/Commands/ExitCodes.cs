namespace CcTsa.Cli.Commands;

/// <summary>Documented exit codes of `cctsa` (README, docs/ARCHITECTURE.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    /// <summary>Verification failed: the token, report or chain is not valid.</summary>
    public const int Invalid = 1;
    /// <summary>Bad command-line usage or unreadable input.</summary>
    public const int Usage = 2;
    /// <summary>A service (TSA, store, broker) could not be reached or answered with an error.</summary>
    public const int Unavailable = 3;
    /// <summary>The --data folder belongs to another audit log (DATA/log-identity differs): start-up refused, nothing changed.</summary>
    public const int WrongDataFolder = 4;
    /// <summary>Unexpected internal failure.</summary>
    public const int Internal = 70;
}
