using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Common;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Starting and killing signer nodes, for the dev faults API. Only the embedded cluster can do it
/// (its nodes are objects in this process); the distributed mode has no implementation.
/// </summary>
public interface INodeLifecycle
{
    /// <summary>Stops the node at once; its in-memory share is gone. False if it was not running.</summary>
    Task<bool> KillAsync(NodeId node, CancellationToken ct);

    /// <summary>
    /// Starts a fresh node (no share) with that id, launched as <paramref name="launch"/> says.
    /// True if started, false if it is already running; an error (plain words) if the launch is invalid.
    /// </summary>
    Task<Result<bool, string>> StartAsync(NodeId node, NodeLaunchSpec launch, CancellationToken ct);
}
