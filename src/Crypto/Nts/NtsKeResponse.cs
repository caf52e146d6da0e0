namespace CcTsa.Crypto.Nts;

/// <summary>
/// What the NTS-KE server granted: cookies for the NTP exchange, and where to send it (the server
/// and port records, RFC 8915 §4.1.7–8; null means "the KE host" and port 123).
/// </summary>
public sealed record NtsKeResponse(IReadOnlyList<byte[]> Cookies, string? NtpServer, int? NtpPort);
