using CcTsa.Crypto.Attestation;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// How the control plane judges a node's report: the verifier (genuine AMD roots, plus the
/// installation's simulated root in dev) and the base policy (pinned measurements, minimum TCB,
/// debug refused). The fresh REPORT_DATA binding is added per request by <see cref="NodeAttestor"/>.
/// </summary>
public sealed record AttestationSettings(SnpReportVerifier Verifier, AttestationPolicy Policy);
