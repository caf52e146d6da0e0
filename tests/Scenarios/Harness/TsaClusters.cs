namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Starts a TSA in the requested setup and waits (bounded) until /api/cluster says Healthy with every
/// share holder pairwise set up for threshold ECDSA (the failure scenarios take nodes away from it).
/// </summary>
public static class TsaClusters
{
    public static async Task<ITsaCluster> StartHealthyAsync(TsaSetupKind kind)
    {
        ITsaCluster cluster = kind == TsaSetupKind.Embedded
            ? await EmbeddedTsa.StartAsync().ConfigureAwait(false)
            : await DistributedTsa.StartAsync().ConfigureAwait(false);
        try
        {
            await WaitForStateAsync(cluster, "Healthy", ScenarioTimings.Startup).ConfigureAwait(false);
            var pairs = "";
            await Eventually.UntilAsync("every share holder pairwise set up for threshold ECDSA", async () =>
            {
                (var all, pairs) = await cluster.Api.EcdsaPairsAsync().ConfigureAwait(false);
                return all;
            }, ScenarioTimings.Startup, () => $"ECDSA pairs by node: {pairs}\n{cluster.Diagnostics()}").ConfigureAwait(false);
            await Eventually.UntilAsync("the CA and TSA certificates to be served",
                () => cluster.Api.ServesCertificatesAsync(), ScenarioTimings.Startup, cluster.Diagnostics).ConfigureAwait(false);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public static async Task<ClusterSnapshot> WaitForStateAsync(ITsaCluster cluster, string state, TimeSpan deadline, Func<ClusterSnapshot, bool>? also = null)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ClusterSnapshot? last = null;
        return await Eventually.UntilAsync($"cluster state {state}",
            async () =>
            {
                cluster.ExpectAlive();
                last = await cluster.Api.ClusterAsync().ConfigureAwait(false);
                return last.Is(state) && (also?.Invoke(last) ?? true) ? last : null;
            },
            deadline, () => $"last /api/cluster: {last}\n{cluster.Diagnostics()}").ConfigureAwait(false);
    }
}
