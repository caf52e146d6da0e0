using CcTsa.Contracts.Ids;

namespace CcTsa.Contracts.Events.Issuance;

/// <summary>
/// A time-stamp token was produced; durable before the reply leaves. TokenSha256Hex is the hash of
/// the DER token, ImprintHex the client's message imprint under ImprintAlgorithm (e.g. "sha256").
/// </summary>
public sealed record TokenIssued(
    SerialNumber Serial,
    DateTimeOffset GenTime,
    string Policy,
    string ImprintAlgorithm,
    string ImprintHex,
    KeyEpoch Epoch,
    IReadOnlyList<NodeId> Signers,
    string TokenSha256Hex);
