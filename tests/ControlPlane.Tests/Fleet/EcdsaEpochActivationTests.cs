using CcTsa.ControlPlane.EventStore.Sqlite;
using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// A DKG whose participants all report the same FROST key and the same threshold-ECDSA (P-384) key
/// is recorded with two KeyEpochActivated, FROST's first (its key stays the epoch's "publicKey"),
/// then "ecdsa-p384"; participants that disagree on the ECDSA key abort it like a FROST disagreement.
/// (Driven through the CeremonyRunner's resumption path over a SQLite log, as a restarted control plane.)
/// </summary>
public sealed class EcdsaEpochActivationTests : IAsyncLifetime
{
    private static readonly byte[] FrostKey = [7, 1, 2, 3];
    private static readonly byte[] EcdsaKey = [.. Enumerable.Repeat((byte)0x02, 1), .. Enumerable.Range(1, 48).Select(i => (byte)i)];
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("cctsa-ecdsa-epoch-").FullName;
    private readonly CeremonyId _dkg = CeremonyId.New();
    private SqliteEventLog _log = null!;
    private ServiceProvider _services = null!;
    private ITestHarness _harness = null!;
    private FleetState _state = null!;
    private CeremonyRunner _runner = null!;

    private static NodeId N(int i) => NodeId.FromIndex(i);

    public async Task InitializeAsync()
    {
        _log = await SqliteEventLog.OpenAsync(_data);
        await _log.AppendAsync([new CeremonyStarted(_dkg, CeremonyKind.Dkg, new KeyEpoch(1), [.. Enumerable.Range(1, 5).Select(N)], "bootstrap", T0)]);
        _services = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _services.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _state = new FleetState(_log);
        await _state.CatchUpAsync(CancellationToken.None);
        var options = new FleetOptions();
        var time = new FixedTime(T0.AddSeconds(5));
        var health = new ClusterStateTracker(_state, options, time, NullLogger<ClusterStateTracker>.Instance);
        _runner = new CeremonyRunner(_services.GetRequiredService<IBus>(), _state, health, options, new FleetMetrics(), time, NullLogger<CeremonyRunner>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _harness.Stop();
        await _services.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task A_DKG_with_one_ECDSA_key_activates_it_after_the_FROST_key()
    {
        for (var i = 1; i <= 5; i++) _runner.OnFinished(Finished(i, EcdsaKey));

        Assert.False(await _runner.SettleOrphansAsync(CancellationToken.None));

        var activations = (await ReadAsync()).OfType<KeyEpochActivated>().ToList();
        Assert.Equal(["frost-ed25519", "ecdsa-p384"], activations.Select(a => a.Scheme));
        Assert.Equal(Convert.ToHexStringLower(EcdsaKey), activations[1].GroupPublicKeyHex);
        Assert.Equal(activations[0].ShareHolders, activations[1].ShareHolders);
        var epoch = _state.Epochs.Epochs[1];
        Assert.Equal(Convert.ToHexStringLower(FrostKey), _state.Epochs.CurrentPublicKeyHex);
        Assert.Equal("frost-ed25519", epoch.Scheme);
        Assert.Equal(Convert.ToHexStringLower(EcdsaKey), epoch.PublicKeys["ecdsa-p384"]);
        Assert.Equal(Convert.ToHexStringLower(FrostKey), epoch.PublicKeys["frost-ed25519"]);
    }

    [Fact]
    public async Task Participants_disagreeing_on_the_ECDSA_key_abort_the_DKG()
    {
        var other = EcdsaKey.ToArray();
        other[^1] ^= 1;
        for (var i = 1; i <= 5; i++) _runner.OnFinished(Finished(i, i == 4 ? other : EcdsaKey));

        Assert.False(await _runner.SettleOrphansAsync(CancellationToken.None));

        var events = await ReadAsync();
        Assert.Empty(events.OfType<KeyEpochActivated>());
        Assert.Contains("threshold-ECDSA", Assert.Single(events.OfType<CeremonyAborted>()).Reason, StringComparison.Ordinal);
    }

    private CeremonyFinished Finished(int i, byte[] ecdsaKey) =>
        new(_dkg, CeremonyKind.Dkg, new KeyEpoch(1), N(i), true, FrostKey, [(byte)i], [], null, ecdsaKey, [(byte)(0x10 + i)]);

    private async Task<List<object>> ReadAsync()
    {
        var all = new List<object>();
        await foreach (var e in _log.ReadAllAsync()) all.Add(e.Data);
        return all;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
