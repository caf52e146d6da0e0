using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CcTsa.Crypto.Clock;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Nts;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// Asks one NTS server for the time: NTS-KE when there is no session or no cookie left, then one
/// authenticated NTPv4 exchange, timed with <paramref name="clock"/> (the clock being checked).
/// The first datagram from the server decides: a tampered or forged answer fails the exchange
/// rather than being skipped, since an on-path attacker can block NTS anyway but must never pass
/// a wrong time. Not thread-safe: one query at a time per server.
/// </summary>
public sealed class NtsTimeClient(NtsServerEndpoint endpoint, NtsTrust trust, Func<DateTimeOffset> clock, TimeSpan timeout) : IDisposable
{
    private NtsKeSession? _session;

    public NtsServerEndpoint Endpoint { get; } = endpoint;

    /// <summary>
    /// Sends the NTP exchange here instead of where NTS-KE pointed; only tests set it, to put a
    /// byte-flipping proxy between this client and a real server.
    /// </summary>
    internal IPEndPoint? NtpRedirect { get; init; }

    public async Task<Result<NtsSample, NtsError>> QueryAsync(CancellationToken ct)
    {
        var name = Endpoint.ToString();
        if (_session is null || _session.CookieCount == 0)
        {
            _session?.Dispose();
            _session = null;
            var established = await NtsKeClient.EstablishAsync(Endpoint, trust, timeout, ct).ConfigureAwait(false);
            if (!established.TryGet(out var session, out var keError)) return Result<NtsSample, NtsError>.Fail(keError);
            _session = session;
        }
        _session.TryTakeCookie(out var cookie);
        var request = NtsRequest.Build(_session.Keys, cookie, RandomNumberGenerator.Fill);

        using var udp = new UdpClient(AddressFamily.InterNetworkV6);
        udp.Client.DualMode = true;
        var ntpHost = _session.NtpHost;
        var target = NtpRedirect is { } redirect
            ? new IPEndPoint(redirect.Address.MapToIPv6(), redirect.Port)
            : await ResolveAsync(ntpHost, ct).ConfigureAwait(false) is { } address ? new IPEndPoint(address, _session.NtpPort) : null;
        if (target is null) return Fail(NtsFailure.NtpTimeout, name, $"cannot resolve NTP server '{ntpHost}'");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        UdpReceiveResult received;
        DateTimeOffset t1, t4;
        try
        {
            t1 = clock();
            await udp.SendAsync(request.Packet, target, cts.Token).ConfigureAwait(false);
            received = await udp.ReceiveAsync(cts.Token).ConfigureAwait(false);
            t4 = clock();
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            DropSession();
            return Fail(NtsFailure.NtpTimeout, name, $"no NTP answer from {target} within {timeout.TotalMilliseconds:0} ms ({e.Message})");
        }

        var verified = NtsResponseVerifier.Verify(received.Buffer, request, _session.Keys, name);
        if (!verified.TryGet(out var response, out var error))
        {
            // After a refused cookie (NTSN) or a failed check, start over with a fresh key exchange.
            DropSession();
            return Result<NtsSample, NtsError>.Fail(error);
        }
        _session.AddCookies(response.NewCookies);
        return Result<NtsSample, NtsError>.Ok(new NtsSample(name, t1, response.Receive, response.Transmit, t4));
    }

    private static async Task<IPAddress?> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host, out var ip)) return ip.AddressFamily == AddressFamily.InterNetwork ? ip.MapToIPv6() : ip;
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            return addresses.Select(a => a.AddressFamily == AddressFamily.InterNetwork ? a.MapToIPv6() : a).FirstOrDefault();
        }
        catch (SocketException)
        {
            return null;
        }
    }

    private void DropSession()
    {
        _session?.Dispose();
        _session = null;
    }

    private static Result<NtsSample, NtsError> Fail(NtsFailure failure, string server, string detail) =>
        Result<NtsSample, NtsError>.Fail(new NtsError(failure, server, detail));

    public void Dispose() => DropSession();
}
