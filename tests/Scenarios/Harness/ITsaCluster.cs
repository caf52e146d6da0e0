namespace CcTsa.Scenarios.Harness;

/// <summary>
/// A running TSA under test, in either setup. Node loss and control-plane crashes are real
/// process events (SIGKILL in the distributed setup, the faults API's kill for in-process nodes);
/// clock skew, partitions and compromise reports go through the HTTP API in both setups.
/// </summary>
public interface ITsaCluster : IAsyncDisposable
{
    TsaSetupKind Kind { get; }

    ClusterClient Api { get; }

    /// <summary>Bus URI of this run (distributed only): clients may send TimestampRequested over it.</summary>
    Uri? Amqp { get; }

    /// <summary>Kills a signer node; its in-memory share is gone.</summary>
    Task KillNodeAsync(string node);

    /// <summary>Starts a fresh node with that id (no share): a replacement VM.</summary>
    Task StartNodeAsync(string node, NodeLaunch launch);

    /// <summary>SIGKILLs the control plane process (embedded: its in-process signers die with it).</summary>
    Task CrashControlPlaneAsync();

    /// <summary>Starts the control plane again on the same event store and waits until it answers.</summary>
    Task RestartControlPlaneAsync();

    /// <summary>Runs `cctsa &lt;args&gt;` against this run's event store (adds --data or --pg); returns exit code and output.</summary>
    Task<(int ExitCode, string Output)> RunCliAsync(params string[] args);

    /// <summary>Throws (with the process output) when a process that should be running has exited: waiting on it is pointless.</summary>
    void ExpectAlive();

    /// <summary>Tails of every process's output, for failure messages.</summary>
    string Diagnostics();
}
