using CcTsa.Scenarios.Harness;
using CcTsa.Scenarios.Load;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §4/§6: three nodes lost → Unavailable (Emergency), /tsa 503 with a reason and bus requests
/// rejected with a reason; once five nodes are attested: new DKG, CSR, new certificate, new epoch;
/// tokens of the old epoch still verify. Issue 16: the background load asks for hybrid and ml-dsa-65
/// tokens too; the re-key makes a new ML-DSA-65 key and certificate, and post-quantum tokens sign
/// under them; no request, post-quantum or not, goes unanswered.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class QuorumLossTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Three_nodes_lost_halts_signing_and_five_attested_nodes_rekey_a_new_epoch(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("three nodes lost", setup, output, LoadOptions.PostQuantum);
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        foreach (var node in new[] { "n1", "n2", "n3" })
            await run.Cluster.KillNodeAsync(node);
        await run.ExpectAlertAsync("unavailable", "emergency", mark);
        run.Phase("detected");
        await run.WaitStateAsync("Unavailable");
        await run.ExpectHaltedAsync();
        if (run.Cluster.Amqp is { } amqp)
            await BusProbe.ExpectRejectedWithReasonAsync(amqp);

        foreach (var node in new[] { "n1", "n2", "n3" })
            await run.Cluster.StartNodeAsync(node, NodeLaunch.Default);
        var rekeyed = await Rekey.ExpectNewEpochAsync(run, mark);
        run.Recovered();
        await run.ExpectSigningResumesAsync();
        await Rekey.ExpectNewPostQuantumKeyAsync(run, mark, rekeyed);
        await run.ExpectPostQuantumSigningContinuesAsync();

        Assert.Contains(run.Load.Tokens, t => t.Epoch == rekeyed.Epoch);
        await Rekey.ExpectOldTokensStillVerifyAsync(run, run.Initial.Epoch);
        Assert.NotEmpty(run.Load.Rejections);
        // "503/…", or "hybrid 503/…" for a request that asked for a post-quantum policy (halted the same way)
        Assert.All(run.Load.Rejections, r => Assert.StartsWith("503/", r.Reason.Split(' ')[^1], StringComparison.Ordinal));
        await run.FinishAsync();
    }
}
