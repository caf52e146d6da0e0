using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Where point-to-point commands for a node go: its own queue "signer-{id}" (the signer's
/// receive endpoint has the same name in both transports).
/// </summary>
public static class NodeAddress
{
    public static Uri Of(NodeId node) => new("queue:signer-" + node.Value);
}
