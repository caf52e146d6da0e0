using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CcTsa.Scenarios.Network;

/// <summary>
/// A loopback HTTP proxy that forwards nothing: processes started with HTTP_PROXY/HTTPS_PROXY/ALL_PROXY
/// pointing here send every outbound HTTP(S) call (e.g. usage telemetry) to it first, and it records
/// the request line ("CONNECT host:443 HTTP/1.1") before closing the connection.
/// </summary>
public sealed class ProxyRecorder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public ProxyRecorder()
    {
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public ConcurrentQueue<string> Requests { get; } = new();

    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The proxy variables .NET's HttpClient reads (upper and lower case).</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["HTTP_PROXY"] = Address.ToString(), ["HTTPS_PROXY"] = Address.ToString(), ["ALL_PROXY"] = Address.ToString(),
        ["http_proxy"] = Address.ToString(), ["https_proxy"] = Address.ToString(), ["all_proxy"] = Address.ToString(),
        ["NO_PROXY"] = "", ["no_proxy"] = "",
    };

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try
                    {
                        var buffer = new byte[1024];
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        var n = await client.GetStream().ReadAsync(buffer, timeout.Token);
                        var text = Encoding.ASCII.GetString(buffer, 0, n);
                        Requests.Enqueue(text.Split('\n')[0].Trim());
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
                    {
                        Requests.Enqueue("(connection without a request line)");
                    }
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try { await _accepting; }
        catch (ObjectDisposedException) { }
        _stop.Dispose();
    }
}
