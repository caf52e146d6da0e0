using System.Collections.Immutable;
using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Pki;

/// <summary>
/// What the CA puts into a TSA certificate beyond the CSR: validity, the key epoch and the signers'
/// launch measurement (SHA-384, 48 bytes), both carried in the SignerBinding extension, and the
/// accuracy the signers state in every token (the TokenAccuracy extension; null leaves it out), and
/// the TSA policies tokens may be issued under (certificatePolicies; empty leaves it out), so that
/// signers take the policy from the CA rather than from the relay that installs the certificate.
/// </summary>
public sealed record TsaCertificateTerms(DateTimeOffset NotBefore, DateTimeOffset NotAfter, KeyEpoch Epoch, ImmutableArray<byte> LaunchMeasurement,
    TimeSpan? TokenAccuracy = null, ImmutableArray<string> Policies = default);
