using CcTsa.Contracts.Ids;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// What the coordinator decides for one token: a fresh serial, genTime from its validated clock,
/// and the accuracy the cluster really enforces (clock tolerance plus measurement uncertainty).
/// The policy comes from the accepted request.
/// </summary>
public sealed record TstInfoFields(SerialNumber Serial, DateTimeOffset GenTime, TimeSpan Accuracy);
