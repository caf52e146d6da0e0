using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.ControlPlane.Runbooks.Leadership;
using CcTsa.Crypto.Attestation;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Hosting;

/// <summary>
/// A control plane that stops gracefully hands runbook leadership back at once: a restart in the
/// same process (or a successor on the same data) leads without waiting for a garbage collection.
/// </summary>
public sealed class LeadershipHandoverTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-lead-").FullName;

    [Fact]
    public async Task Stopped_host_releases_the_leader_lock_for_the_next_one()
    {
        await using (var log = await SqliteEventLog.OpenAsync(_data))
        {
            using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 2048);
            var settings = new HostSettings { Port = 0, DataDirectory = _data };
            await using var app = ControlPlaneHost.Build(settings, log,
                new AttestationSettings(new SnpReportVerifier(root.TrustAnchors), new AttestationPolicy { AllowSimulatedRoot = true }), new FleetOptions());
            await ControlPlaneHost.PrepareAsync(app, CancellationToken.None);
            await app.StartAsync();
            var leader = app.Services.GetRequiredService<ILeadership>();
            await Eventually(() => leader.IsLeader);
            await using (var rival = new FileLeadership(_data))
                Assert.False(await rival.TryAcquireAsync(), "the running host leads");
            await app.StopAsync();
        }

        await using var next = new FileLeadership(_data);
        Assert.True(await next.TryAcquireAsync(), "the stopped host must have released the lock");
    }

    private static async Task Eventually(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition()) await Task.Delay(50, deadline.Token);
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
