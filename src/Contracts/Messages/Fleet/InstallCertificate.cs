namespace CcTsa.Contracts.Messages.Fleet;

/// <summary>
/// Control plane → all nodes: the TSA certificate of an epoch (and the CA chain), so that any node
/// acting as signing coordinator can build tokens. Public data.
/// </summary>
public sealed record InstallCertificate(KeyEpoch Epoch, byte[] TsaCertificateDer, IReadOnlyList<byte[]> ChainDer, string Policy, long AccuracyMicros);
