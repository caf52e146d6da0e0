using CcTsa.Contracts.Hashing;

namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// One granted token: ResponseDer is the whole TimeStampResp. The rest are the facts the control
/// plane records in TokenIssued, as their types (no need to re-parse): the serial, genTime,
/// policy, the message imprint (algorithm name and hashed message) and the token's digest.
/// </summary>
public sealed record SignedTimestamp(
    Guid RequestId,
    byte[] ResponseDer,
    SerialNumber Serial,
    DateTimeOffset GenTime,
    string Policy,
    string ImprintAlgorithm,
    byte[] HashedMessage,
    Sha256Hash TokenSha256)
{
    /// <summary>True when this token time-stamps exactly <paramref name="hashedMessage"/>.</summary>
    public bool Stamps(ReadOnlySpan<byte> hashedMessage) => HashedMessage.AsSpan().SequenceEqual(hashedMessage);
}
