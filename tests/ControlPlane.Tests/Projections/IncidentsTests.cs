using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Projections;

public class IncidentsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Apply_folds_open_steps_and_resolution()
    {
        var id = IncidentId.New();
        var ledger = new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.NodeLost, "n5 lost", [NodeId.Parse("n5")], T0))
            .Apply(new RunbookStepCompleted(id, "redistribute:n5@1", false, "timed out", T0))
            .Apply(new RunbookStepCompleted(id, "redistribute:n5@1", true, "ok", T0));
        var open = Assert.Single(ledger.Open);
        Assert.Contains("redistribute:n5@1", open.Completed);
        Assert.Equal(2, open.Steps.Count);
        Assert.Equal("ok", open.Step("redistribute:n5@1")!.Detail);
        Assert.Null(open.Step("checklist"));
        Assert.Same(open, ledger.OpenOf(IncidentKinds.NodeLost));
        Assert.Empty(ledger.Apply(new IncidentResolved(id, "done", T0)).Open);
    }

    [Fact]
    public void Apply_failure_after_success_keeps_the_step_done()
    {
        var id = IncidentId.New();
        var ledger = new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.QuorumLost, "", [], T0))
            .Apply(new RunbookStepCompleted(id, "dkg@2", true, "ok", T0))
            .Apply(new RunbookStepCompleted(id, "dkg@2", false, "late duplicate", T0));
        var open = Assert.Single(ledger.Open);
        Assert.Contains("dkg@2", open.Completed);
        Assert.Equal("ok", open.Step("dkg@2")!.Detail);
        Assert.Equal("ok", Assert.Single(open.CurrentSteps).Detail);
    }

    [Fact]
    public void Apply_step_of_unknown_incident_changes_nothing()
    {
        var ledger = new Incidents().Apply(new RunbookStepCompleted(IncidentId.New(), "x", true, "", T0));
        Assert.Empty(ledger.ById);
    }

    [Fact]
    public void CompromiseTime_reads_the_typed_field_the_legacy_reported_step_or_falls_back_to_opening()
    {
        var id = IncidentId.New();
        var at = T0.AddHours(-3);
        var typed = new Incidents().Apply(new IncidentOpened(id, IncidentKinds.Compromise, "", [NodeId.Parse("n2")], T0, new KeyEpoch(2), CompromisedAt: at));
        Assert.Equal(at, RunbookActions.CompromiseTime(Assert.Single(typed.ById.Values)));
        var legacy = new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.Compromise, "", [NodeId.Parse("n2")], T0))
            .Apply(new RunbookStepCompleted(id, LegacyIncidentContext.CompromiseReportedStep, true, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture), T0));
        Assert.Equal(at, RunbookActions.CompromiseTime(Assert.Single(legacy.ById.Values)));
        var bare = new Incidents().Apply(new IncidentOpened(id, IncidentKinds.Compromise, "", [], T0));
        Assert.Equal(T0, RunbookActions.CompromiseTime(Assert.Single(bare.ById.Values)));
    }

    [Fact]
    public void Legacy_context_steps_give_the_same_typed_incident_as_typed_fields()
    {
        var id = IncidentId.New();
        IReadOnlyList<NodeId>[] sides = [[NodeId.Parse("n1"), NodeId.Parse("n2")], [NodeId.Parse("n3"), NodeId.Parse("n4"), NodeId.Parse("n5")]];
        var typed = Assert.Single(new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.Partition, "split", [], T0, new KeyEpoch(3), sides)).ById.Values);
        var legacy = Assert.Single(new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.Partition, "split", [], T0))
            .Apply(new RunbookStepCompleted(id, LegacyIncidentContext.EpochStep, true, "3", T0))
            .Apply(new RunbookStepCompleted(id, LegacyIncidentContext.PartitionSidesStep, true, "n1,n2|n3,n4,n5", T0)).ById.Values);
        foreach (var entry in new[] { typed, legacy })
        {
            Assert.Equal(new KeyEpoch(3), entry.EpochAtOpen);
            Assert.Equal(sides.Select(g => g.ToArray()), entry.PartitionSides.Select(g => g.ToArray()));
            Assert.Null(entry.CompromisedAt);
        }
    }

    [Fact]
    public void Legacy_epoch_zero_step_means_no_key_yet()
    {
        var id = IncidentId.New();
        var bootstrap = Assert.Single(new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.Bootstrap, "", [], T0))
            .Apply(new RunbookStepCompleted(id, LegacyIncidentContext.EpochStep, true, "0", T0)).ById.Values);
        Assert.Null(bootstrap.EpochAtOpen);
        Assert.Empty(bootstrap.PartitionSides);
    }

    [Fact]
    public void Checklist_tokens_are_read_from_the_typed_event_and_from_legacy_step_details()
    {
        var id = IncidentId.New();
        byte[] data = [1, 2, 3];
        byte[] token = [0x30, 0x03, 0x02, 0x01, 0x00];
        var legacyDetail = "serial ab verified" + ChecklistToken.DataMark + Convert.ToBase64String(data) + ChecklistToken.TokenMark + Convert.ToBase64String(token);
        var ledger = new Incidents()
            .Apply(new IncidentOpened(id, IncidentKinds.NodeLost, "", [], T0))
            .Apply(new RunbookStepCompleted(id, "checklist@2+refresh:" + ChecklistToken.TestItem, true, legacyDetail, T0))
            .Apply(new RunbookStepCompleted(id, "checklist@2:" + ChecklistToken.TestItem, false, legacyDetail, T0))
            .Apply(new RunbookStepCompleted(id, "checklist@2:certificate-installed", true, legacyDetail, T0))
            .Apply(new ChecklistTokenRecorded(id, new KeyEpoch(3), data, token, T0));
        Assert.Equal([2, 3], ledger.TestTokens.Select(t => t.Epoch.Number));
        Assert.All(ledger.TestTokens, t => Assert.Equal(data, t.Data.ToArray()));
        Assert.All(ledger.TestTokens, t => Assert.Equal(token, t.Token.ToArray()));
    }
}
