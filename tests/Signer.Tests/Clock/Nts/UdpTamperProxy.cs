using System.Net;
using System.Net.Sockets;

namespace CcTsa.Signer.Tests.Clock.Nts;

/// <summary>
/// A UDP relay between the NTS client and chronyd that lets a test rewrite requests and responses
/// in flight (flip a cookie byte, a tag byte, a timestamp byte), as an on-path attacker would.
/// </summary>
public sealed class UdpTamperProxy : IDisposable
{
    private readonly UdpClient _front = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly UdpClient _back = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public UdpTamperProxy(IPEndPoint server, Action<byte[]>? onRequest = null, Action<byte[]>? onResponse = null)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                var request = await _front.ReceiveAsync(_stop.Token);
                var bytes = request.Buffer;
                onRequest?.Invoke(bytes);
                await _back.SendAsync(bytes, server, _stop.Token);
                var response = await _back.ReceiveAsync(_stop.Token);
                var answer = response.Buffer;
                onResponse?.Invoke(answer);
                await _front.SendAsync(answer, request.RemoteEndPoint, _stop.Token);
            }
        });
    }

    public IPEndPoint Endpoint => (IPEndPoint)_front.Client.LocalEndPoint!;

    public void Dispose()
    {
        _stop.Cancel();
        _front.Dispose();
        _back.Dispose();
        try { _loop.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { /* cancelled or sockets closed: the relay is done */ }
        _stop.Dispose();
    }
}
