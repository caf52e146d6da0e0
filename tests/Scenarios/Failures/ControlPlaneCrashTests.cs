using CcTsa.Scenarios.Harness;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// A control plane SIGKILLed while a ceremony runs: restarted on the same event store it resumes
/// or aborts that ceremony from the log (every CeremonyStarted ends in Completed or Aborted), the
/// cluster returns to Healthy, and the hash chain verifies. In the distributed setup the signers
/// keep their shares, so the group key is unchanged. The load is paused while no control plane
/// exists (requests to a dead port are not the TSA's answers) and resumed after the restart.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed class ControlPlaneCrashTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Crash_mid_ceremony_is_resumed_or_aborted_cleanly_after_restart(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("control-plane crash mid-ceremony", setup, output);
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Cluster.KillNodeAsync("n2");
        await run.WaitStateAsync("Degraded");
        var replaced = await run.Api.HeadAsync();
        await run.Cluster.StartNodeAsync("n2", NodeLaunch.Default);
        var ceremony = await run.WaitEventAsync("ceremony_started", replaced, null, "the redistribution ceremony to start");
        await run.Load.PauseAsync();
        await run.Cluster.CrashControlPlaneAsync();
        run.Phase("crashed");
        var closedBeforeCrash = await ClosedAsync(run, ceremony, afterRestart: false);

        await run.Cluster.RestartControlPlaneAsync();
        run.Phase("restarted");
        run.Load.Resume();
        await Eventually.UntilAsync($"ceremony {ceremony.Text("id")} to be completed or aborted from the log",
            () => ClosedAsync(run, ceremony, afterRestart: true), ScenarioTimings.Transition, run.Cluster.Diagnostics);
        var healthy = await run.WaitStateAsync("Healthy", s => s.SharesHeld == 5);
        run.Recovered();
        await run.ExpectSigningResumesAsync();

        var events = await run.Api.EventsAsync(null, mark);
        var started = events.Where(e => e.Type == "ceremony_started").Select(e => e.Text("id")).ToList();
        var ended = events.Where(e => e.Type is "ceremony_completed" or "ceremony_aborted").Select(e => e.Text("id")).ToList();
        Assert.All(started, id => Assert.Single(ended, e => e == id));
        var (ok, _, firstBad) = await run.Api.AuditVerifyAsync();
        Assert.True(ok, $"hash chain broken at {firstBad}");
        if (setup == TsaSetupKind.Distributed)
            Assert.Equal((run.Initial.Epoch, run.Initial.PublicKey), (healthy.Epoch, healthy.PublicKey));
        await run.FinishAsync(closedBeforeCrash ? "ceremony had already finished when the crash landed" : "crash landed mid-ceremony");
    }

    /// <summary>True when the log holds a Completed/Aborted for the ceremony (reads the store through the CLI while the API is down).</summary>
    private static async Task<bool> ClosedAsync(ScenarioRun run, AuditEvent ceremony, bool afterRestart)
    {
        if (!afterRestart)
        {
            var (exit, listing) = await run.Cluster.RunCliAsync("audit", "query", "--after", ceremony.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), "--limit", "1000");
            Assert.True(exit == 0, $"cctsa audit query exited {exit}: {listing}");
            return listing.Contains("ceremony_completed", StringComparison.Ordinal) || listing.Contains("ceremony_aborted", StringComparison.Ordinal);
        }
        var id = ceremony.Text("id");
        var closing = await run.Api.EventsAsync(null, ceremony.Sequence);
        return closing.Any(e => e.Type is "ceremony_completed" or "ceremony_aborted" && e.Text("id") == id);
    }
}
