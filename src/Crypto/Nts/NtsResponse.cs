namespace CcTsa.Crypto.Nts;

/// <summary>
/// A verified NTS server response: T2 (server receive), T3 (server transmit), its stratum, and the
/// fresh cookies it returned inside the authenticated and encrypted fields.
/// </summary>
public sealed record NtsResponse(DateTimeOffset Receive, DateTimeOffset Transmit, int Stratum, IReadOnlyList<byte[]> NewCookies);
