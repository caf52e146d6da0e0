using System.Collections.Immutable;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Crypto.Tests.Attestation;

/// <summary>Two simulated roots, generated once for the test class (RSA key generation is the slow part).</summary>
public sealed class SimulatedRootFixture : IDisposable
{
    public static readonly TcbParts Tcb = new(3, 0, 8, 115);
    public static readonly Measurement SignerMeasurement = Measurement.FromBytes(Enumerable.Range(1, 48).Select(i => (byte)i).ToArray());

    public SimulatedRootFixture()
    {
        Root = SimulatedAmdRoot.Generate(DateTimeOffset.UnixEpoch.AddYears(56));
        Other = SimulatedAmdRoot.Generate(DateTimeOffset.UnixEpoch.AddYears(56), rsaBits: 3072);
        ChipId = Root.ChipIdFor("n1");
        Vcek = Root.IssueVcek(ChipId.AsSpan(), Tcb);
    }

    public SimulatedAmdRoot Root { get; }
    public SimulatedAmdRoot Other { get; }
    public ImmutableArray<byte> ChipId { get; }
    public SimulatedVcek Vcek { get; }

    public AttestationChain Chain => new(Vcek.CertificateDer, [.. Root.AskDer], [.. Root.ArkDer]);

    /// <summary>A well-formed report as the simulated firmware would produce, before signing.</summary>
    public SnpReport Unsigned(ReadOnlySpan<byte> reportData) => new()
    {
        Version = 2,
        Policy = GuestPolicy.Default,
        Measurement = SignerMeasurement,
        ChipId = ChipId,
        ReportedTcb = Tcb.ToVersion(SnpProduct.Milan),
        CurrentTcb = Tcb.ToVersion(SnpProduct.Milan),
        CommittedTcb = Tcb.ToVersion(SnpProduct.Milan),
        LaunchTcb = Tcb.ToVersion(SnpProduct.Milan),
        ReportData = [.. reportData],
    };

    public void Dispose()
    {
        Vcek.Dispose();
        Root.Dispose();
        Other.Dispose();
    }
}
