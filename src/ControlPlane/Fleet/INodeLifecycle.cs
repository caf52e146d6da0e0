using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Starting and killing signer nodes, for the dev faults API. Only the embedded cluster can do it
/// (its nodes are objects in this process); the distributed mode has no implementation.
/// </summary>
public interface INodeLifecycle
{
    /// <summary>Stops the node at once; its in-memory share is gone. False if it was not running.</summary>
    Task<bool> KillAsync(NodeId node, CancellationToken ct);

    /// <summary>Starts a fresh node (no share) with that id. False if it is already running.</summary>
    Task<bool> StartAsync(NodeId node, CancellationToken ct);
}
