using System.Diagnostics;
using CcTsa.Scenarios.Harness;
using CcTsa.Scenarios.Load;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// One scenario run: a Healthy TSA in the requested setup, background load from the start, the
/// clock for recovery figures, waits on states and events, and the closing report with the load
/// invariants every scenario shares (no request lost, no token failing verification).
/// Disposal kills every process even when an assertion failed, after writing their output tails.
/// </summary>
public sealed class ScenarioRun : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _sinceFault = new();
    private readonly Dictionary<string, double> _phases = [];
    private double? _recovery;
    private bool _finished;

    private ScenarioRun(string scenario, ITsaCluster cluster, LoadGenerator load, ClusterSnapshot initial, ITestOutputHelper output)
    {
        Scenario = scenario;
        Cluster = cluster;
        Load = load;
        Initial = initial;
        _output = output;
    }

    public string Scenario { get; }

    public ITsaCluster Cluster { get; }

    public ClusterClient Api => Cluster.Api;

    public LoadGenerator Load { get; }

    /// <summary>/api/cluster when the run began (Healthy): epoch and group public key to compare against.</summary>
    public ClusterSnapshot Initial { get; }

    /// <summary>
    /// Starts a Healthy TSA and the load (<paramref name="loadOptions"/>: defaults when null). Load that
    /// asks for the `hybrid` or `ml-dsa-65` policy starts once the TSA lists that policy as available
    /// (its post-quantum certificate is issued after Healthy), so no such request is refused for it.
    /// </summary>
    public static async Task<ScenarioRun> StartAsync(string scenario, TsaSetupKind setup, ITestOutputHelper output, LoadOptions? loadOptions = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var cluster = await TsaClusters.StartHealthyAsync(setup).ConfigureAwait(false);
        try
        {
            var initial = await cluster.Api.ClusterAsync().ConfigureAwait(false);
            Assert.True(initial.Epoch >= 1, $"a Healthy cluster has a key epoch: {initial}");
            Assert.False(string.IsNullOrEmpty(initial.PublicKey), $"a Healthy cluster has a group public key: {initial}");
            foreach (var (share, policy) in new[] { (loadOptions?.HybridShare, "hybrid"), (loadOptions?.MlDsaShare, "ml-dsa-65") })
                if (share > 0)
                    await Eventually.UntilAsync($"the {policy} policy to be available", async () => await cluster.Api.PolicyAvailableAsync(policy).ConfigureAwait(false),
                        ScenarioTimings.Transition, cluster.Diagnostics).ConfigureAwait(false);
            var load = await LoadGenerator.StartAsync(cluster.Api, loadOptions).ConfigureAwait(false);
            var run = new ScenarioRun(scenario, cluster, load, initial, output);
            await load.WaitForGrantsAsync(3, DateTimeOffset.MinValue, ScenarioTimings.Transition, cluster.Diagnostics).ConfigureAwait(false);
            return run;
        }
        catch
        {
            output.WriteLine(cluster.Diagnostics());
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the recovery clock: call right before injecting the fault.</summary>
    public void FaultInjected() => _sinceFault.Restart();

    /// <summary>Records an intermediate figure (seconds since the fault), e.g. "detected".</summary>
    public void Phase(string name) => _phases[name] = Math.Round(_sinceFault.Elapsed.TotalSeconds, 2);

    /// <summary>Stops the recovery clock: the scenario's end state was reached.</summary>
    public void Recovered()
    {
        _recovery = Math.Round(_sinceFault.Elapsed.TotalSeconds, 2);
        _phases["recovered"] = _recovery.Value;
    }

    public Task<ClusterSnapshot> WaitStateAsync(string state, Func<ClusterSnapshot, bool>? also = null) =>
        TsaClusters.WaitForStateAsync(Cluster, state, ScenarioTimings.Transition, also);

    /// <summary>Waits for an event of <paramref name="type"/> after sequence <paramref name="after"/> matching the predicate.</summary>
    public Task<AuditEvent> WaitEventAsync(string type, long after, Func<AuditEvent, bool>? match = null, string? what = null) =>
        Eventually.UntilAsync(what ?? $"a {type} event after #{after}",
            async () => (await Api.EventsAsync(type, after).ConfigureAwait(false)).FirstOrDefault(e => match?.Invoke(e) ?? true),
            ScenarioTimings.Transition, () => $"{Cluster.Diagnostics()}");

    /// <summary>Asserts a ClusterStateChanged into <paramref name="state"/> with <paramref name="alertLevel"/> after a sequence.</summary>
    public async Task<AuditEvent> ExpectAlertAsync(string state, string alertLevel, long after) =>
        await WaitEventAsync("cluster_state_changed", after,
            e => e.TextIs("to", state) && e.TextIs("alertLevel", alertLevel),
            $"ClusterStateChanged to {state} with alert level {alertLevel}").ConfigureAwait(false);

    /// <summary>Asserts that signing goes on: fresh requests keep being granted (and verified).</summary>
    public Task ExpectSigningContinuesAsync(DateTimeOffset since, int tokens = 3) =>
        Load.WaitForGrantsAsync(tokens, since, ScenarioTimings.Transition, Cluster.Diagnostics);

    /// <summary>
    /// Asserts that post-quantum signing goes on: for each of `hybrid` and `ml-dsa-65` the load asks
    /// for (<see cref="LoadOptions.HybridShare"/>, <see cref="LoadOptions.MlDsaShare"/>), a request sent
    /// now is granted and verified (a hybrid token's both signatures) — sent here rather than waited
    /// for, as on a loaded host the background load reaches its next hybrid request only after minutes.
    /// </summary>
    public async Task ExpectPostQuantumSigningContinuesAsync()
    {
        foreach (var policy in PostQuantumPolicies())
        {
            var outcome = await Load.StampOnceAsync(policy).ConfigureAwait(false);
            Assert.True(outcome.Kind == RequestOutcomeKind.Granted && outcome.TokenVerified, $"a {policy.Name} request must be granted a verified token: {outcome}");
        }
    }

    /// <summary>The post-quantum policies the background load asks for (empty when it asks only for the default).</summary>
    public IReadOnlyList<CcTsa.Crypto.Pki.TsaPolicy> PostQuantumPolicies() =>
        [.. new[] { (Load.Options.HybridShare, CcTsa.Crypto.Pki.TsaPolicies.Hybrid), (Load.Options.MlDsaShare, CcTsa.Crypto.Pki.TsaPolicies.MlDsa65) }
            .Where(p => p.Item1 > 0).Select(p => p.Item2)];

    /// <summary>Asserts that signing is halted right now: /tsa answers 503 with a timeNotAvailable/systemFailure reply.</summary>
    public async Task ExpectHaltedAsync()
    {
        var outcome = await Load.StampOnceAsync().ConfigureAwait(false);
        Assert.True(outcome.Kind == RequestOutcomeKind.Rejected && outcome.HttpStatus == 503
            && (outcome.Reason.Contains("TimeNotAvailable", StringComparison.Ordinal) || outcome.Reason.Contains("SystemFailure", StringComparison.Ordinal)),
            $"below quorum /tsa must answer 503 with timeNotAvailable/systemFailure, got {outcome}");
    }

    /// <summary>Waits until a fresh request is granted again (after a halt).</summary>
    public Task ExpectSigningResumesAsync() =>
        Eventually.UntilAsync("a fresh request to be granted",
            async () => (await Load.StampOnceAsync().ConfigureAwait(false)).Kind == RequestOutcomeKind.Granted,
            ScenarioTimings.Transition, Cluster.Diagnostics);

    /// <summary>The launch measurement each node attested with most recently.</summary>
    public async Task<IReadOnlyDictionary<string, string>> MeasurementsAsync(long after = 0) =>
        (await Api.EventsAsync("node_attested", after).ConfigureAwait(false))
            .Where(e => e.NodeField("node") is not null)
            .GroupBy(e => e.NodeField("node")!)
            .ToDictionary(g => g.Key, g => g.Last().Text("measurementHex") ?? "");

    /// <summary>Stops the load, writes the report, and asserts the invariants of every scenario.</summary>
    public async Task<ScenarioReport> FinishAsync(string notes = "")
    {
        var tally = await Load.StopAsync().ConfigureAwait(false);
        _finished = true;
        var report = new ScenarioReport(Scenario, Cluster.Kind.ToString(), DateTimeOffset.UtcNow, tally.Sent, tally.Granted,
            tally.Rejected, tally.RejectedByReason, tally.Lost, tally.BadTokens, _recovery, _phases, notes);
        ScenarioReportLog.Write(report, _output);
        Assert.True(tally.Lost == 0, $"every request must get an answer; lost {tally.Lost}: {string.Join("; ", tally.LostReasons)}");
        Assert.True(tally.BadTokens == 0, $"every granted token must verify; bad {tally.BadTokens}: {string.Join("; ", tally.BadTokenReasons)}");
        // the load's post-quantum requests were answered too, not only the default ones (both signatures of a hybrid token verified)
        foreach (var policy in PostQuantumPolicies())
            Assert.True(Load.GrantedFor(policy.Oid) > 0, $"the load asked for {policy.Name} tokens and none was granted: {tally}");
        return report;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_finished)
        {
            // the scenario failed before its end state: still record what the load saw
            var tally = await Load.StopAsync().ConfigureAwait(false);
            ScenarioReportLog.Write(new ScenarioReport(Scenario, Cluster.Kind.ToString(), DateTimeOffset.UtcNow, tally.Sent, tally.Granted,
                tally.Rejected, tally.RejectedByReason, tally.Lost, tally.BadTokens, null, _phases,
                "INCOMPLETE: the scenario failed before its end state (see the test's error)"), _output);
        }
        _output.WriteLine(Cluster.Diagnostics());
        await Load.DisposeAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
