using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Tests.Pki;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// What every CertificateDistributor test starts from: a SQLite log, a roster of five nodes attested
/// with the fixture's measurement (a certificate binds it and goes to each), MassTransit's test
/// harness as the bus, and the distributor over the fixture's PKI with the given policies.
/// </summary>
internal sealed class DistributorHarness : IAsyncDisposable
{
    private readonly string _logDir;
    private readonly ServiceProvider _services;

    private DistributorHarness(string logDir, SqliteEventLog log, FleetState state, ServiceProvider services, ITestHarness harness, CertificateDistributor distributor)
    {
        _logDir = logDir;
        Log = log;
        State = state;
        _services = services;
        Harness = harness;
        Distributor = distributor;
    }

    public SqliteEventLog Log { get; }

    public FleetState State { get; }

    public ITestHarness Harness { get; }

    public CertificateDistributor Distributor { get; }

    public static async Task<DistributorHarness> StartAsync(PkiFixture pki, TsaPolicySet policies, string name)
    {
        var logDir = Directory.CreateTempSubdirectory(name).FullName;
        var log = await SqliteEventLog.OpenAsync(logDir);
        var state = new FleetState(log);
        var measurement = Convert.ToHexStringLower(PkiFixture.Measurement.AsSpan());
        state.Update(_ => (Enumerable.Range(1, 5).Aggregate(RosterBuilder.FleetOf(5, 1), (r, i) => r.WithAttestation(NodeId.FromIndex(i), true, measurement)), 0));
        var services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var distributor = new CertificateDistributor(services.GetRequiredService<IBus>(), state, pki.Service, policies, new FleetOptions(),
            TimeProvider.System, NullLogger<CertificateDistributor>.Instance);
        return new DistributorHarness(logDir, log, state, services, harness, distributor);
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _services.DisposeAsync();
        await Log.DisposeAsync();
        Directory.Delete(_logDir, recursive: true);
    }
}
