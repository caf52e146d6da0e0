using System.Collections.Immutable;
using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>The fields of a decoded TSTInfo that signers, verifiers and the CLI look at.</summary>
public sealed record TstInfoSummary(
    string Policy,
    ImprintAlgorithm Algorithm,
    ImmutableArray<byte> HashedMessage,
    SerialNumber Serial,
    DateTimeOffset GenTime,
    TimeSpan? Accuracy,
    bool Ordering,
    ImmutableArray<byte>? Nonce,
    ImmutableArray<byte>? TsaNameDer,
    bool HasExtensions = false);
