using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Five real signer nodes on the in-memory bus, pinned to the cluster's dev CA, with epoch 1 keyed
/// (DKG) and certified; the adversary classes of <see cref="Collection"/> share it (a cluster start
/// and DKG per class cost ~5 CPU-s each). They only attack it and every attack is refused, so the
/// fleet stays as certified; a class that kills, skews or re-keys nodes starts its own cluster.
/// </summary>
public sealed class CertifiedFleet : IAsyncLifetime
{
    /// <summary>
    /// Runs after the parallel collections, one class at a time, so this cluster is never alive beside
    /// another (the reason for <see cref="FleetCollection"/>: guarded nonce memory per node).
    /// </summary>
    public const string Collection = "certified fleet";

    public const int Epoch = 1;

    internal TestCluster Cluster { get; private set; } = null!;

    internal byte[] GroupKey { get; private set; } = [];

    /// <summary>Every message the fleet's consumers handled (tests wait for a refusal by its round).</summary>
    internal ConsumedMessages Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync(observe: bus => bus.ConnectReceiveObserver(Consumed));
        GroupKey = await Cluster.DkgAndCertifyAsync(Epoch);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}

/// <summary>The xunit collection whose classes get one <see cref="CertifiedFleet"/> injected.</summary>
[CollectionDefinition(CertifiedFleet.Collection, DisableParallelization = true)]
public sealed class CertifiedFleetCollection : ICollectionFixture<CertifiedFleet>;
