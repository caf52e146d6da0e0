using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>What a verifier could read from the token (filled as far as decoding got).</summary>
public sealed record TokenDetails(TstInfoSummary TstInfo, string? SignerSubject, KeyEpoch? Epoch, TokenSignatureAlgorithm? Algorithm);
