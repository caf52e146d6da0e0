namespace CcTsa.Scenarios.Harness;

/// <summary>What is wrong with a (simulated SEV-SNP) node's attestation report, seed §10.</summary>
public enum AttestationFlaw
{
    None,
    /// <summary>Launch measurement differs from the fleet's pinned one (wrong image).</summary>
    WrongMeasurement,
    /// <summary>Guest policy allows debugging.</summary>
    DebugPolicy,
    /// <summary>Reported TCB below the accepted minimum.</summary>
    TcbBelowMinimum,
    /// <summary>Report signature does not verify under the VCEK (forged or corrupted).</summary>
    ForgedReport,
}
