using CcTsa.Cli.Commands;

namespace CcTsa.Cli.Bench;

/// <summary>A TSA already running at a URL; its CA is read from the TSA's /certs/ca.pem (trusted as the bench's anchor).</summary>
public sealed class RemoteTarget : IBenchTarget
{
    private RemoteTarget(Uri tsa, byte[] ca)
    {
        Tsa = tsa;
        CaCertificateDer = ca;
    }

    public string Name => Tsa.ToString();

    public Uri Tsa { get; }

    public ReadOnlyMemory<byte> CaCertificateDer { get; }

    /// <summary>Fetches the CA; an unreachable TSA is a <see cref="CliException"/> (exit 3) naming the URL.</summary>
    public static async Task<RemoteTarget> ConnectAsync(Uri tsa, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(tsa);
        var ca = await new TsaClient(tsa.ToString()).GetCertificateAsync("ca.pem", ct).ConfigureAwait(false);
        return new RemoteTarget(tsa, ca);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
