using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Timestamp;
using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Hosting;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CcTsa.ControlPlane.Tests.Tsa;

/// <summary>
/// The bus front (TimestampRequested) answers a policy the fleet has no key for exactly as HTTP
/// does: TimestampRejected with systemFailure and the reason, from the fleet's live view
/// (<see cref="FleetPolicyAvailability"/> over the log); the default policy is still issued.
/// </summary>
public sealed class PolicyOverBusTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-policy-bus-").FullName;
    private SqliteEventLog _log = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_data);
        await _log.AppendAsync([new KeyEpochActivated(new KeyEpoch(1), CeremonyRunner.Scheme, new string('a', 64),
            [.. Enumerable.Range(1, 5).Select(NodeId.FromIndex)], CeremonyId.New(), DateTimeOffset.UtcNow)]);
        var state = new FleetState(_log);
        await state.CatchUpAsync(CancellationToken.None);
        var services = new ServiceCollection();
        TsaTestHost.AddTestTsa(services, _data);
        // the composition's policy set and availability (ControlPlaneHost), over this log
        services.AddSingleton(ControlPlaneHost.PolicySet(TsaPolicies.Ed25519));
        services.AddSingleton<IPolicyAvailability>(new FleetPolicyAvailability(state));
        services.AddMassTransitTestHarness(x => x.AddTsaConsumers());
        _services = services.BuildServiceProvider(true);
        await TsaTestHost.ProvisionEpochOneAsync(_services);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        await _log.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Ecdsa_policy_without_key_is_rejected_over_the_bus_as_unavailable_with_the_reason()
    {
        var client = _harness.GetRequestClient<TimestampRequested>();
        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(
            new TimestampRequested(Guid.NewGuid(), Requests.Valid(policy: TsaPolicies.EcdsaP384.Oid)));

        Assert.True(response.Is(out Response<TimestampRejected>? rejected));
        Assert.Equal((int)PkiFailureInfo.SystemFailure, rejected.Message.FailInfo);
        Assert.Contains("key epoch 1 has no ecdsa-p384 key", rejected.Message.StatusText, StringComparison.Ordinal);
        Assert.Equal(PkiFailureInfo.SystemFailure, Requests.Read(rejected.Message.Response).FailInfo);
        Assert.Equal(0, _services.GetRequiredService<InProcessSigningGateway>().Calls);
    }

    [Fact]
    public async Task Request_without_policy_is_issued_under_the_default_over_the_bus()
    {
        var client = _harness.GetRequestClient<TimestampRequested>();
        var response = await client.GetResponse<TimestampIssued, TimestampRejected>(new TimestampRequested(Guid.NewGuid(), Requests.Valid()));
        Assert.True(response.Is(out Response<TimestampIssued>? issued));
        Assert.True(TimeStampResponseReader.TryRead(issued.Message.Response, out var reply, out _));
        Assert.True(TimeStampResponseReader.TryReadTstInfo(reply.Token!.Value, out var info, out _));
        Assert.Equal(TsaPolicies.Ed25519.Oid, info.Policy);
    }
}
