using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §5: all five nodes lost → Unavailable, signing halted; five fresh nodes → new DKG and
/// certificate in a new epoch; the audit history before the outage survives unchanged and the
/// hash chain still verifies (API and `cctsa audit verify`).
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class FullOutageTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Full_outage_rekeys_a_new_epoch_and_the_audit_history_survives(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("full outage", setup, output);
        var mark = await run.Api.HeadAsync();
        var history = await run.Api.EventsAsync();

        run.FaultInjected();
        foreach (var node in FleetLayout.Nodes)
            await run.Cluster.KillNodeAsync(node);
        await run.ExpectAlertAsync("unavailable", "emergency", mark);
        run.Phase("detected");
        var down = await run.WaitStateAsync("Unavailable", s => s.SharesHeld == 0);
        Assert.All(down.Nodes, n => Assert.False(n.Online, $"{n.Id} is down"));
        await run.ExpectHaltedAsync();
        if (run.Cluster.Amqp is { } amqp)
            await BusProbe.ExpectRejectedWithReasonAsync(amqp);

        foreach (var node in FleetLayout.Nodes)
            await run.Cluster.StartNodeAsync(node, NodeLaunch.Default);
        await Rekey.ExpectNewEpochAsync(run, mark);
        run.Recovered();
        await run.ExpectSigningResumesAsync();
        await Rekey.ExpectOldTokensStillVerifyAsync(run, run.Initial.Epoch);

        var after = await run.Api.EventsAsync();
        Assert.Equal(history.Select(e => (e.Sequence, e.Hash)), after.Take(history.Count).Select(e => (e.Sequence, e.Hash)));
        var (ok, events, firstBad) = await run.Api.AuditVerifyAsync();
        Assert.True(ok && firstBad is null && events >= after.Count, $"/api/audit/verify: ok={ok} events={events} firstBad={firstBad}");
        var (exit, cli) = await run.Cluster.RunCliAsync("audit", "verify");
        Assert.True(exit == 0, $"cctsa audit verify exited {exit}: {cli}");
        await run.FinishAsync();
    }
}
