using CcTsa.Crypto.Rfc3161;

namespace CcTsa.Signer.Coordinator;

/// <summary>One epoch's installed certificate with the policy set and the accuracy tokens state.</summary>
public sealed record EpochCertificate(int Epoch, TsaCertificate Certificate, TsaPolicySet Policies, TimeSpan Accuracy);
