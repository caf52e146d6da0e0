using System.CommandLine;
using System.Diagnostics;
using System.Net;
using CcTsa.Cli.Commands;
using CcTsa.Cli.Embedded;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Tests.Tsa;
using CcTsa.Signer.Clock.Nts;
using CcTsa.Testing;

namespace CcTsa.ControlPlane.Tests.Cli;

/// <summary>
/// `cctsa up --nts H:P --nts-ca CERT`: the five embedded signers check their clocks against a real
/// NTS server (a local chronyd) instead of the simulated ones — the cluster serves and stamps, and
/// when the server stops every signer reports its clock as unchecked. One `up` composition in-process.
/// </summary>
// an in-process embedded host sets the process-wide Prometheus gauges: it runs alone (ProcessMetricsCollection)
[Collection(CcTsa.ControlPlane.Tests.Audit.ProcessMetricsCollection.Name)]
public sealed class UpNtsTests
{
    [Fact]
    public async Task Embedded_signers_on_a_real_nts_server_serve_and_lose_their_clock_when_it_stops()
    {
        using var chrony = new ChronyNtsServer();
        var data = Path.Combine(Path.GetTempPath(), "cctsa-up-nts-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new EmbeddedOptions
        {
            Nts = PublicNtsServers.Expand([chrony.Endpoint]),
            NtsTrust = NtsTrust.FromFiles([chrony.CertificatePath]),
            NtsPollInterval = TimeSpan.FromMilliseconds(500),
        };
        var settings = new HostSettings { Port = 0, DataDirectory = data, Embedded = true, QuietConsole = true };
        await using (var host = await EmbeddedHost.StartAsync(settings, null, CancellationToken.None, options))
        {
            await host.WaitUntilServingAsync(TimeSpan.FromSeconds(150), null, CancellationToken.None);
            using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
            using var content = new ByteArrayContent(Requests.Valid());
            content.Headers.ContentType = new("application/timestamp-query");
            using var response = await http.PostAsync("/tsa", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(Requests.Read(await response.Content.ReadAsByteArrayAsync()).IsGranted);

            chrony.Stop();
            var waited = Stopwatch.StartNew();
            while (host.Fleet.Roster.All.Any(v => v.Online && v.ClockHealthy))
            {
                if (waited.Elapsed > TimeSpan.FromSeconds(60))
                    throw new Xunit.Sdk.XunitException("signers still report a healthy clock 60 s after their only NTS server stopped: "
                        + string.Join(" ", host.Fleet.Roster.All.Select(v => $"{v.Id}[clock={v.ClockHealthy}]")));
                await Task.Delay(200);
            }
        }
        try { Directory.Delete(data, recursive: true); }
        catch (IOException) { } // the log may still be closing
    }

    [Theory]
    [InlineData("time.example:0", "--nts: NTS server 'time.example:0'")]
    [InlineData(null, "--nts-ca needs --nts host[:port].")]
    public void Up_refuses_a_bad_time_source_before_starting(string? server, string expected)
    {
        var error = new StringWriter();
        List<string> args = ["up", "--data", Path.Combine(Path.GetTempPath(), "cctsa-never-created-" + Guid.NewGuid())];
        if (server is not null) args.AddRange(["--nts", server]);
        else args.AddRange(["--nts-ca", "/nonexistent/ca.pem"]);
        var exit = CctsaCli.Build().Parse([.. args]).Invoke(new InvocationConfiguration { Output = new StringWriter(), Error = error });
        Assert.Equal(ExitCodes.Usage, exit);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
    }
}
