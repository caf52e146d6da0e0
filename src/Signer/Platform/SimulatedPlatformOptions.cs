using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// What a simulated platform puts in its reports besides REPORT_DATA. The defaults are a
/// well-behaved guest. The "bad platform" knobs (debug, migration agent, another measurement,
/// a lower reported TCB,
/// a corrupted signature) exist so tests and the dev fault mode can produce reports a verifier
/// must refuse; a production build never sets them (the control plane refuses the simulated root anyway).
/// </summary>
public sealed record SimulatedPlatformOptions
{
    public GuestPolicy Policy { get; init; } = GuestPolicy.Default;
    /// <summary>Overrides the measurement (default: the signer build's hash).</summary>
    public Measurement? MeasurementOverride { get; init; }
    /// <summary>Overrides REPORTED_TCB (default: the VCEK's TCB, as genuine firmware reports).</summary>
    public TcbParts? ReportedTcbOverride { get; init; }
    public uint GuestSvn { get; init; }
    public uint Vmpl { get; init; }
    /// <summary>Flips one bit of the report signature after signing (a forged or corrupted report).</summary>
    public bool CorruptSignature { get; init; }
}
