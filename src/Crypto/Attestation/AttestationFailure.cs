namespace CcTsa.Crypto.Attestation;

/// <summary>
/// Why an attestation report was refused. Each reason is distinct so the control plane can record
/// it in AttestationRejected and a runbook can tell "old firmware" from "forged report".
/// </summary>
public enum AttestationFailure
{
    /// <summary>The report is not exactly 0x4A0 bytes.</summary>
    BadReportLength = 1,
    /// <summary>The report VERSION is not one this verifier knows (2, 3, 5).</summary>
    UnsupportedVersion,
    /// <summary>SIGNATURE_ALGO is not 1 (ECDSA P-384 with SHA-384).</summary>
    UnsupportedSignatureAlgorithm,
    /// <summary>A certificate could not be parsed, or a needed one (VCEK, ASK, ARK) is missing.</summary>
    MalformedCertificate,
    /// <summary>The ARK is not one of the trust anchors (AMD's Milan/Genoa/Turin or a configured simulated root).</summary>
    ArkNotTrusted,
    /// <summary>The ARK is the simulated root and the policy is production.</summary>
    SimulatedRootRefused,
    /// <summary>The ARK's self-signature is not a valid RSA-PSS SHA-384 signature.</summary>
    ArkSignatureInvalid,
    /// <summary>The ASK is not signed by the ARK (RSA-PSS SHA-384, salt 48).</summary>
    AskSignatureInvalid,
    /// <summary>The VCEK is not signed by the ASK (RSA-PSS SHA-384, salt 48).</summary>
    VcekSignatureInvalid,
    /// <summary>The VCEK key is not ECDSA P-384, or lacks the TCB or hardware-id extensions.</summary>
    VcekExtensionsInvalid,
    /// <summary>The report is not signed by the VCEK.</summary>
    ReportSignatureInvalid,
    /// <summary>The VCEK's TCB extensions differ from REPORTED_TCB.</summary>
    TcbMismatchWithVcek,
    /// <summary>The VCEK's hardware id differs from CHIP_ID.</summary>
    ChipIdMismatch,
    /// <summary>POLICY allows debugging: the hypervisor can read guest memory.</summary>
    DebugAllowed,
    /// <summary>POLICY allows a migration agent: the guest can be moved out of the attested platform.</summary>
    MigrationAgentAllowed,
    /// <summary>MEASUREMENT is not in the allow-list.</summary>
    MeasurementNotAllowed,
    /// <summary>REPORTED_TCB is below the minimum in some component.</summary>
    TcbBelowMinimum,
    /// <summary>REPORT_DATA differs from hash(channel public key ‖ verifier nonce).</summary>
    ReportDataMismatch,
    /// <summary>The SEV certificate table (auxblob / SNP_GET_EXT_REPORT certificates) is malformed.</summary>
    BadCertificateTable,
    /// <summary>The report was requested at a VMPL other than 0: a less privileged layer, not the guest kernel, asked for it.</summary>
    VmplNotZero,
    /// <summary>POLICY allows SMT and the verifier's policy forbids it.</summary>
    SmtAllowed,
    /// <summary>The report's SIGNING_KEY (VCEK or VLEK) differs from the kind of endorsement key supplied.</summary>
    EndorsementKeyKindMismatch,
}
