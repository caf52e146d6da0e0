using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// One simulated AMD root for the whole test run (RSA key generation is slow), and the simulated
/// SEV-SNP platform of each node: its own chip id and VCEK, the signer build's measurement.
/// </summary>
internal static class FleetRoot
{
    public static readonly TcbParts Tcb = new(3, 0, 20, 209);

    private static readonly Lazy<SimulatedAmdRoot> Root = new(() => SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1), rsaBits: 2048));

    public static AmdTrustAnchors TrustAnchors => Root.Value.TrustAnchors;

    public static SimulatedPlatform PlatformFor(NodeId node, SimulatedPlatformOptions? options = null)
    {
        var root = Root.Value;
        return new SimulatedPlatform(root.IssueVcek(root.ChipIdFor(node.Value).AsSpan(), Tcb), root.ArkDer, root.AskDer,
            SignerMeasurement.ForCurrentBuild(), options);
    }
}
