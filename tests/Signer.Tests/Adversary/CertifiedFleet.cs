using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Five real signer nodes on the in-memory bus, pinned to the cluster's dev CA, with epoch 1 keyed
/// (DKG) and certified; the adversary tests of one class share it (a DKG per test is slow).
/// </summary>
public sealed class CertifiedFleet : IAsyncLifetime
{
    public const int Epoch = 1;

    internal TestCluster Cluster { get; private set; } = null!;

    internal byte[] GroupKey { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Cluster = await TestCluster.StartAsync();
        GroupKey = await Cluster.DkgAndCertifyAsync(Epoch);
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
