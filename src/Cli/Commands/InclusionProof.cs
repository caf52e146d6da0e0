using CcTsa.Contracts.Hashing;

namespace CcTsa.Cli.Commands;

/// <summary>An inclusion proof as /api/log/proof/inclusion serves it.</summary>
internal sealed record InclusionProof(long LeafIndex, long TreeSize, byte[] Entry, IReadOnlyList<Sha256Hash> AuditPath);
