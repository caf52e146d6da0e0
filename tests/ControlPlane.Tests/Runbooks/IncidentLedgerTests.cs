using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Runbooks;

public class IncidentLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_folds_open_steps_and_resolution()
    {
        var id = IncidentId.New();
        var ledger = IncidentLedger.Empty
            .Apply(new IncidentOpened(id, IncidentKinds.NodeLost, "n5 lost", [NodeId.Parse("n5")], T0))
            .Apply(new RunbookStepCompleted(id, "redistribute:n5@1", false, "timed out", T0))
            .Apply(new RunbookStepCompleted(id, "redistribute:n5@1", true, "ok", T0));
        var open = Assert.Single(ledger.Open);
        Assert.Contains("redistribute:n5@1", open.Completed);
        Assert.Same(open, ledger.OpenOf(IncidentKinds.NodeLost));
        Assert.Empty(ledger.Apply(new IncidentResolved(id, "done", T0)).Open);
    }

    [Fact]
    public void Apply_failure_after_success_keeps_the_step_done()
    {
        var id = IncidentId.New();
        var ledger = IncidentLedger.Empty
            .Apply(new IncidentOpened(id, IncidentKinds.QuorumLost, "", [], T0))
            .Apply(new RunbookStepCompleted(id, "dkg@2", true, "ok", T0))
            .Apply(new RunbookStepCompleted(id, "dkg@2", false, "late duplicate", T0));
        Assert.Contains("dkg@2", Assert.Single(ledger.Open).Completed);
    }

    [Fact]
    public void Apply_step_of_unknown_incident_changes_nothing()
    {
        var ledger = IncidentLedger.Empty.Apply(new RunbookStepCompleted(IncidentId.New(), "x", true, "", T0));
        Assert.Empty(ledger.Incidents);
    }

    [Fact]
    public void CompromiseTime_reads_the_reported_step_or_falls_back_to_opening()
    {
        var id = IncidentId.New();
        var at = T0.AddHours(-3);
        var ledger = IncidentLedger.Empty
            .Apply(new IncidentOpened(id, IncidentKinds.Compromise, "", [NodeId.Parse("n2")], T0))
            .Apply(new RunbookStepCompleted(id, IncidentKinds.CompromiseReported, true, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture), T0));
        Assert.Equal(at, RunbookActions.CompromiseTime(Assert.Single(ledger.Incidents)));
        var bare = IncidentLedger.Empty.Apply(new IncidentOpened(id, IncidentKinds.Compromise, "", [], T0));
        Assert.Equal(T0, RunbookActions.CompromiseTime(Assert.Single(bare.Incidents)));
    }
}
