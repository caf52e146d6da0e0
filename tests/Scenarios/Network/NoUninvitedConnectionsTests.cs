using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using CcTsa.Scenarios.Failures;
using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Network;

/// <summary>
/// Issue 14 item 5: a TSA makes no network call its operator did not configure (MassTransit used to
/// report usage telemetry to an outside host at every start). The processes run for their first
/// 20 s — start-up, bus start, DKG, certificate — while every socket they hold is sampled from
/// /proc (by the process's own socket fds), and they are started with HTTP(S)_PROXY pointing at a
/// loopback recorder, so any HTTP call to anywhere is caught even if DNS fails before a socket opens.
/// MassTransit's own report comes 30 s to 5 min after the bus starts, or at shutdown, so it is not
/// what this watch catches: Hosting.Tests' UsageTelemetryTests shows the tracker is disabled (and
/// fails with the old setup); this test guards against any other uninvited call at start-up.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed partial class NoUninvitedConnectionsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Embedded_up_connects_to_nothing_but_loopback()
    {
        await using var proxy = new ProxyRecorder();
        var port = FreePort.Next();
        var data = Directory.CreateTempSubdirectory("cctsa-net-").FullName;
        var up = ChildProcess.Start("cctsa up", BuiltBinaries.ControlPlane,
            ["up", "--port", port.ToString(CultureInfo.InvariantCulture), "--data", data], Merge(ScenarioTimings.ControlPlaneEnvironment, proxy.Environment));
        try
        {
            using var api = new ClusterClient(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
            var (sockets, answered) = await WatchAsync([up], api);

            output.WriteLine($"{sockets.Count} distinct sockets seen:\n" + string.Join('\n', sockets));
            Assert.True(answered, "cctsa up answered /api/cluster while watched (its bus had started)\n" + up.Tail());
            Assert.Contains(sockets, s => s.Local.Port == port); // the sampler sees the process's sockets (our own API calls)
            Assert.DoesNotContain(sockets, s => !s.RemoteIsLoopback);
            Assert.Empty(proxy.Requests);
            Assert.DoesNotContain("telemetry", up.Tail(5000), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await up.DisposeAsync();
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task Serve_and_a_signer_on_RabbitMQ_connect_only_to_the_configured_broker_and_database()
    {
        await using var proxy = new ProxyRecorder();
        await using var services = await IsolatedServices.CreateAsync();
        var pgHost = IPAddress.Parse(PgHost().Match(services.PostgresConnection).Groups[1].Value);
        var pgPort = PgPort().Match(services.PostgresConnection) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 5432;
        var amqpHost = IPAddress.Parse(services.AmqpUri.Host);
        var amqpPort = services.AmqpUri.IsDefaultPort || services.AmqpUri.Port < 0 ? 5672 : services.AmqpUri.Port;
        var port = FreePort.Next();
        var data = Directory.CreateTempSubdirectory("cctsa-net-cp-").FullName;
        var serve = ChildProcess.Start("cctsa serve", BuiltBinaries.ControlPlane,
            ["serve", "--pg", services.PostgresConnection, "--amqp", services.AmqpUri.ToString(), "--port", port.ToString(CultureInfo.InvariantCulture),
             "--data", data, "--simulated-root", SimulatedRootBundle.File],
            Merge(ScenarioTimings.ControlPlaneEnvironment, proxy.Environment));
        var signer = ChildProcess.Start("cctsa-signer n1", BuiltBinaries.Signer,
            ["--id", "n1", .. NodeLaunch.Default.SignerArgs("n1"), "--amqp", services.AmqpUri.ToString(), "--sim-root", SimulatedRootBundle.Directory, "--simulated-time"],
            Merge(ScenarioTimings.SignerEnvironment, proxy.Environment));
        try
        {
            using var api = new ClusterClient(new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
            // watched until both joined the broker (and serve its database), 20 s at least
            var (sockets, answered) = await WatchAsync([serve, signer], api,
                seen => new[] { serve.Pid, signer.Pid }.All(pid => seen.Any(s => s.Pid == pid && s.Socket.Remote.Port == amqpPort)));

            output.WriteLine($"{sockets.Count} distinct sockets seen:\n" + string.Join('\n', sockets));
            Assert.True(answered, "cctsa serve answered /api/cluster while watched (its bus had started)\n" + serve.Tail());
            bool Configured(SocketEntry s) =>
                (Same(s.Remote.Address, pgHost) && s.Remote.Port == pgPort) || (Same(s.Remote.Address, amqpHost) && s.Remote.Port == amqpPort)
                || s.Local.Port == port; // a client of serve's own API (the test)
            Assert.Contains(sockets, s => s.Remote.Port == amqpPort); // both really joined the broker
            Assert.Contains(sockets, s => s.Remote.Port == pgPort);
            Assert.DoesNotContain(sockets, s => !Configured(s));
            Assert.Empty(proxy.Requests);
            Assert.DoesNotContain("telemetry", serve.Tail(5000) + signer.Tail(5000), StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            await signer.DisposeAsync();
            await serve.DisposeAsync();
            try { Directory.Delete(data, recursive: true); }
            catch (IOException) { }
        }
    }

    /// <summary>
    /// Samples every process's sockets every 20 ms for at least <see cref="Watch"/>, and on (up to the
    /// start-up bound of a loaded machine) until <paramref name="started"/> holds and the API answered.
    /// </summary>
    private static async Task<(IReadOnlyList<SocketEntry> Sockets, bool Answered)> WatchAsync(IReadOnlyList<ChildProcess> processes, ClusterClient api,
        Func<IReadOnlySet<(int Pid, SocketEntry Socket)>, bool>? started = null)
    {
        var seen = new HashSet<(int Pid, SocketEntry Socket)>();
        var answered = false;
        var begin = DateTimeOffset.UtcNow;
        var nextProbe = begin;
        while (DateTimeOffset.UtcNow - begin < Watch || ((!answered || !(started?.Invoke(seen) ?? true)) && DateTimeOffset.UtcNow - begin < ScenarioTimings.Startup))
        {
            foreach (var p in processes)
                if (!p.HasExited)
                    foreach (var s in ProcessSockets.Of(p.Pid).Where(s => s.HasRemote)) seen.Add((p.Pid, s with { State = "" }));
            if (!answered && DateTimeOffset.UtcNow >= nextProbe)
            {
                answered = await api.AnswersAsync();
                nextProbe = DateTimeOffset.UtcNow.AddMilliseconds(500);
            }
            await Task.Delay(20);
        }
        Assert.All(processes, p => Assert.False(p.HasExited, p.Tail()));
        return ([.. seen.Select(s => s.Socket).Distinct()], answered);
    }

    private static bool Same(IPAddress a, IPAddress b) =>
        (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).Equals(b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b);

    private static Dictionary<string, string> Merge(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b)
    {
        var merged = new Dictionary<string, string>(a);
        foreach (var (k, v) in b) merged[k] = v;
        return merged;
    }

    [GeneratedRegex(@"Host=([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex PgHost();

    [GeneratedRegex(@"Port=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex PgPort();
}
