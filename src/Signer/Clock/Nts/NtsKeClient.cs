using System.Net.Sockets;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Nts;
using Org.BouncyCastle.Tls;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// NTS Key Establishment (RFC 8915 §4): TCP to the KE port, TLS 1.3 with ALPN ntske/1, the request
/// records, the response records up to End of Message, then the exporter keys. Every failure is an
/// <see cref="NtsError"/> that says which step failed.
/// </summary>
public static class NtsKeClient
{
    public static async Task<Result<NtsKeSession, NtsError>> EstablishAsync(NtsServerEndpoint endpoint, NtsTrust trust, TimeSpan timeout, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(trust);
        var name = endpoint.ToString();
        using var tcp = new TcpClient();
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            await tcp.ConnectAsync(endpoint.Host, endpoint.Port, cts.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return Fail(NtsFailure.KeConnectionFailed, name, $"cannot connect: {e.Message}");
        }
        tcp.ReceiveTimeout = tcp.SendTimeout = (int)timeout.TotalMilliseconds;
        // BouncyCastle's TLS stream is synchronous; keep it off the caller's thread.
        return await Task.Run(() => Handshake(tcp.GetStream(), endpoint, trust, name), ct).ConfigureAwait(false);
    }

    private static Result<NtsKeSession, NtsError> Handshake(Stream stream, NtsServerEndpoint endpoint, NtsTrust trust, string name)
    {
        var client = new NtsKeTlsClient(endpoint.Host, trust);
        var protocol = new TlsClientProtocol(stream);
        try
        {
            try
            {
                protocol.Connect(client);
            }
            catch (Exception e) when (e is IOException or TlsException)
            {
                return client.CertificateProblem is { } problem
                    ? Fail(NtsFailure.UntrustedCertificate, name, problem)
                    : Fail(NtsFailure.KeTlsFailed, name, $"TLS 1.3 handshake failed: {e.Message}");
            }
            if (!client.AlpnAgreed || client.Keys is null)
                return Fail(NtsFailure.AlpnNotNegotiated, name, $"the server did not agree to ALPN '{NtsKeRequest.Alpn}'");
            var keys = client.Keys;
            var parsed = Exchange(protocol.Stream, name);
            if (!parsed.TryGet(out var response, out var error))
            {
                keys.Dispose();
                return Result<NtsKeSession, NtsError>.Fail(error);
            }
            return Result<NtsKeSession, NtsError>.Ok(new NtsKeSession(keys, response.Cookies,
                response.NtpServer ?? endpoint.Host, response.NtpPort ?? NtsKeRequest.DefaultNtpPort));
        }
        finally
        {
            try { protocol.Close(); } catch (IOException) { /* the server may already have closed; nothing is lost */ }
        }
    }

    private static Result<NtsKeResponse, NtsError> Exchange(Stream tls, string name)
    {
        var buffer = new MemoryStream();
        try
        {
            tls.Write(NtsKeRequest.Encode());
            tls.Flush();
            var chunk = new byte[4096];
            while (true)
            {
                var n = tls.Read(chunk, 0, chunk.Length);
                if (n > 0) buffer.Write(chunk, 0, n);
                // A response larger than any sane set of cookies is refused rather than buffered forever.
                if (buffer.Length > 65536) return Result<NtsKeResponse, NtsError>.Fail(new(NtsFailure.MalformedRecord, name, "the response exceeds 64 KiB"));
                var result = NtsKeResponseParser.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), name, complete: n <= 0);
                if (result is { } done) return done;
            }
        }
        catch (Exception e) when (e is IOException or TlsException or SocketException)
        {
            return Result<NtsKeResponse, NtsError>.Fail(new(NtsFailure.KeConnectionFailed, name, $"the NTS-KE exchange broke: {e.Message}"));
        }
    }

    private static Result<NtsKeSession, NtsError> Fail(NtsFailure failure, string server, string detail) =>
        Result<NtsKeSession, NtsError>.Fail(new NtsError(failure, server, detail));
}
