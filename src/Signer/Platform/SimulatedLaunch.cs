using System.Security.Cryptography;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// How a simulated node is launched: the one translation of (node, flaw, measurement override) into
/// its <see cref="SimulatedPlatform"/> and the measurement the node itself expects of its peers.
/// Used by `cctsa-signer` and by the embedded fleet, so both produce the same reports.
/// A healthy node runs this signer build (or <paramref name="measurement"/> when given: a software
/// update) on a chip at <see cref="SimulatedAmdRoot.SimulatedTcb"/>.
/// </summary>
public sealed class SimulatedLaunch : IDisposable
{
    private SimulatedLaunch(SimulatedPlatform platform, Measurement expected)
    {
        Platform = platform;
        ExpectedMeasurement = expected;
    }

    /// <summary>The node's platform (it holds the chip's VCEK key; disposed with this launch).</summary>
    public SimulatedPlatform Platform { get; }

    /// <summary>What the node reports and demands of peers: a node trusts only nodes running its own code.</summary>
    public Measurement ExpectedMeasurement { get; }

    /// <summary>The TCB a <see cref="LaunchFlaw.TcbBelowMinimum"/> chip runs: one SNP firmware level below the minimum.</summary>
    public static TcbParts BelowMinimum(TcbParts minimum) =>
        minimum.Snp > 0 ? minimum with { Snp = (byte)(minimum.Snp - 1) }
        : minimum.Microcode > 0 ? minimum with { Microcode = (byte)(minimum.Microcode - 1) }
        : throw new ArgumentException("a TCB of all zeros has nothing below it", nameof(minimum));

    /// <summary>
    /// Builds the launch. <paramref name="flaw"/> <see cref="LaunchFlaw.WrongMeasurement"/> wins over
    /// <paramref name="measurement"/> (a random image is still a random image).
    /// </summary>
    public static SimulatedLaunch Create(SimulatedAmdRoot root, NodeId node, LaunchFlaw flaw, Measurement? measurement = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        var expected = flaw == LaunchFlaw.WrongMeasurement
            ? Measurement.FromBytes(RandomNumberGenerator.GetBytes(Measurement.Size))
            : measurement ?? SignerMeasurement.ForCurrentBuild();
        // a lower-TCB chip gets a VCEK for that TCB, so its report is self-consistent and fails only on the minimum
        var tcb = flaw == LaunchFlaw.TcbBelowMinimum ? BelowMinimum(SimulatedAmdRoot.SimulatedTcb) : SimulatedAmdRoot.SimulatedTcb;
        var options = new SimulatedPlatformOptions
        {
            Policy = GuestPolicy.Default.WithDebug(flaw == LaunchFlaw.DebugPolicy),
            CorruptSignature = flaw == LaunchFlaw.ForgedReport,
            Vmpl = flaw == LaunchFlaw.VmplNotZero ? 1u : 0u,
        };
        var vcek = root.IssueVcek(root.ChipIdFor(node.Value).AsSpan(), tcb);
        return new SimulatedLaunch(new SimulatedPlatform(vcek, root.ArkDer, root.AskDer, expected, options), expected);
    }

    public void Dispose() => Platform.Dispose();

    public override string ToString() => "SimulatedLaunch([redacted])";
}
