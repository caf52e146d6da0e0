using System.Collections.Immutable;

namespace CcTsa.Scenarios.Load;

/// <summary>
/// A granted token the load generator verified, kept so scenarios can re-verify it later (old epochs,
/// CRLs). PolicyOid: the policy the request asked for (null: the TSA's default).
/// </summary>
public sealed record IssuedToken(string SerialHex, int? Epoch, DateTimeOffset GenTime, DateTimeOffset SentAt, DateTimeOffset ReceivedAt, ImmutableArray<byte> Response,
    ImmutableArray<byte> Data, string? PolicyOid = null);
