namespace CcTsa.Signer.Platform;

/// <summary>
/// What is deliberately wrong with a simulated node's launch (seed §10), for the dev fault mode and
/// the failure scenarios. Each flaw makes the node's report fail exactly one verifier check.
/// Names on the command line and in the faults API: see <see cref="LaunchFlawNames"/>.
/// </summary>
public enum LaunchFlaw
{
    None,
    /// <summary>A random launch measurement (another software image): MeasurementNotAllowed.</summary>
    WrongMeasurement,
    /// <summary>Guest policy with debugging allowed: DebugAllowed.</summary>
    DebugPolicy,
    /// <summary>A chip whose VCEK is issued for a TCB below the fleet minimum: TcbBelowMinimum.</summary>
    TcbBelowMinimum,
    /// <summary>One bit of the report signature flipped after signing: ReportSignatureInvalid.</summary>
    ForgedReport,
    /// <summary>The report requested at VMPL 1 (a layer below the guest kernel asked for it): VmplNotZero.</summary>
    VmplNotZero,
}
