using CcTsa.Cli.Commands;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Hosting;

namespace CcTsa.Cli.Bench;

/// <summary>
/// `--embedded`: the same embedded host as `cctsa up` (SQLite log, in-memory bus, five in-process
/// signers, DKG 3-of-5, dev CA) in a fresh temporary data directory on an ephemeral loopback
/// port; removed again when the bench ends.
/// </summary>
public sealed class EmbeddedTarget : IBenchTarget
{
    private readonly EmbeddedHost _host;
    private readonly string _data;

    private EmbeddedTarget(EmbeddedHost host, string data, byte[] ca)
    {
        _host = host;
        _data = data;
        CaCertificateDer = ca;
        Tsa = new Uri(host.Address, "/tsa");
    }

    public string Name => "embedded 3-of-5 fleet";

    public Uri Tsa { get; }

    public ReadOnlyMemory<byte> CaCertificateDer { get; }

    /// <summary>The fleet's threshold-ECDSA presignatures so far (made, used, dropped), to tell waste from use.</summary>
    public CcTsa.Signer.Coordinator.PresignatureCounts Presignatures => _host.Cluster.Presignatures;

    public static async Task<EmbeddedTarget> StartAsync(CancellationToken ct)
    {
        var data = Directory.CreateTempSubdirectory("cctsa-bench-").FullName;
        EmbeddedHost? host = null;
        try
        {
            var settings = new HostSettings { Port = 0, DataDirectory = data, Embedded = true, QuietConsole = true };
            host = await EmbeddedHost.StartAsync(settings, null, ct).ConfigureAwait(false);
            await host.WaitUntilServingAsync(UpCommand.StartTimeout, null, ct).ConfigureAwait(false);
            var ca = await new TsaClient(new Uri(host.Address, "/tsa").ToString()).GetCertificateAsync("ca.pem", ct).ConfigureAwait(false);
            return new EmbeddedTarget(host, data, ca);
        }
        catch
        {
            if (host is not null) await host.DisposeAsync().ConfigureAwait(false);
            TempDirectory.Delete(data);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync().ConfigureAwait(false);
        TempDirectory.Delete(_data);
    }
}
