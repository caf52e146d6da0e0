using System.Collections.Immutable;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// An accepted TimeStampReq (RFC 3161 §2.4.1). <see cref="Policy"/> is the policy the token will
/// carry (the requested one, or the TSA default). <see cref="Nonce"/> holds the DER INTEGER content
/// bytes exactly as received, so the TSTInfo echoes the very same value.
/// </summary>
public sealed record TimeStampRequest(
    ImprintAlgorithm Algorithm,
    ImmutableArray<byte> HashedMessage,
    string Policy,
    ImmutableArray<byte>? Nonce,
    bool CertReq);
