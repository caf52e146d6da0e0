using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Platform;

namespace CcTsa.Signer.Tests.Platform;

/// <summary>One simulated AMD root per test class (RSA key generation is the slow part).</summary>
public sealed class SimulatedRootFixture : IDisposable
{
    public static readonly TcbParts Tcb = new(3, 0, 8, 115);

    public SimulatedAmdRoot Root { get; } = SimulatedAmdRoot.Generate(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public SimulatedPlatform Platform(SimulatedPlatformOptions? options = null, TcbParts? vcekTcb = null, string node = "n1") =>
        new(Root.IssueVcek(Root.ChipIdFor(node).AsSpan(), vcekTcb ?? Tcb), Root.ArkDer, Root.AskDer, SignerMeasurement.ForCurrentBuild(), options);

    public void Dispose() => Root.Dispose();
}
