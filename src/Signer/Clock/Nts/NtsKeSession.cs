using CcTsa.Crypto.Nts;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// The state an NTS-KE handshake leaves: the AEAD keys, a pool of single-use cookies (refilled by
/// each response), and the NTP server to ask.
/// </summary>
public sealed class NtsKeSession(NtsSessionKeys keys, IEnumerable<byte[]> cookies, string ntpHost, int ntpPort) : IDisposable
{
    private readonly Queue<byte[]> _cookies = new(cookies);

    public NtsSessionKeys Keys { get; } = keys;

    public string NtpHost { get; } = ntpHost;

    public int NtpPort { get; } = ntpPort;

    public int CookieCount => _cookies.Count;

    public bool TryTakeCookie(out byte[] cookie) => _cookies.TryDequeue(out cookie!);

    public void AddCookies(IEnumerable<byte[]> cookies)
    {
        foreach (var c in cookies) if (_cookies.Count < 8) _cookies.Enqueue(c);
    }

    public void Dispose() => Keys.Dispose();
}
