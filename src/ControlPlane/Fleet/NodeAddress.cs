using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Where point-to-point commands for a node go: its own queue "{prefix}signer-{id}" (the signer's
/// receive endpoint has the same name in both transports; the prefix separates fleets sharing a
/// broker, empty in production).
/// </summary>
public static class NodeAddress
{
    public static Uri Of(NodeId node, string prefix = "") => new("queue:" + prefix + "signer-" + node.Value);
}
