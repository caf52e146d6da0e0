using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.Contracts.Ids;
using static CcTsa.ControlPlane.Tests.Fleet.RosterBuilder;

namespace CcTsa.ControlPlane.Tests.Runbooks;

public class RunbookDecisionsTests
{
    private static RunbookFacts Facts(FleetRoster roster, int epoch, bool cert = true, params string[] done) =>
        new(roster, epoch, cert, 3, 5, new HashSet<string>(done));

    private static NodeId N(int i) => NodeId.FromIndex(i);

    [Fact]
    public void NodeLost_with_replacement_redistributes_from_helpers()
    {
        // n5 lost its share and came back as a fresh attested node
        var roster = FleetOf(5, 1).OnHeartbeat(Beat(5, null), T0.AddSeconds(1), 2).Roster;
        roster = roster.WithOffline(N(5)).OnHeartbeat(Beat(5, null), T0, 2).Roster.WithAttestation(N(5), true);
        var d = NodeLost.Decide(Facts(roster, 1));
        Assert.Equal(DecisionKind.Act, d.Kind);
        Assert.Equal(RunbookAction.Redistribute, d.Step!.Action);
        Assert.Equal(N(5), d.Step.Target);
        Assert.Equal(4, d.Step.Nodes.Count);
    }

    [Fact]
    public void NodeLost_without_replacement_waits()
    {
        var roster = FleetOf(5, 1).WithOffline(N(2));
        Assert.Equal(DecisionKind.Wait, NodeLost.Decide(Facts(roster, 1)).Kind);
    }

    [Fact]
    public void NodeLost_below_threshold_escalates()
    {
        var roster = FleetOf(5, 1).WithOffline(N(1)).WithOffline(N(2)).WithOffline(N(3));
        Assert.Equal(DecisionKind.Escalate, NodeLost.Decide(Facts(roster, 1)).Kind);
    }

    [Fact]
    public void NodeLost_replacement_refused_when_placement_breaks()
    {
        // n5 (third) lost; the only fresh node is another azure node: azure would hold 3 shares
        var roster = FleetOf(5, 1).WithOffline(N(5)).OnHeartbeat(Beat(6, null, provider: "azure"), T0, 2).Roster.WithAttestation(N(6), true);
        Assert.Equal(DecisionKind.Wait, NodeLost.Decide(Facts(roster, 1)).Kind);
    }

    [Fact]
    public void NodeLost_all_back_runs_checklist_then_resolves()
    {
        var roster = FleetOf(5, 1);
        Assert.Equal(RunbookAction.Checklist, NodeLost.Decide(Facts(roster, 1)).Step!.Action);
        Assert.Equal(DecisionKind.Resolve, NodeLost.Decide(Facts(roster, 1, true, PostRecoveryChecklist.StepName(1))).Kind);
    }

    [Fact]
    public void QuorumLost_halts_then_runs_dkg_for_next_epoch()
    {
        var roster = FleetOf(5, null);
        var first = QuorumLost.Decide(Facts(roster, 1), 1);
        Assert.Equal(RunbookAction.HaltSigning, first.Step!.Action);
        var second = QuorumLost.Decide(Facts(roster, 1, true, first.Step.Name), 1);
        Assert.Equal(RunbookAction.RunDkg, second.Step!.Action);
        Assert.Equal(2, second.Step.Epoch);
        Assert.Equal(5, second.Step.Nodes.Count);
    }

    [Fact]
    public void QuorumLost_with_four_nodes_waits()
    {
        var roster = FleetOf(4, null);
        Assert.Equal(DecisionKind.Wait, QuorumLost.Decide(Facts(roster, 0), 0).Kind);
    }

    [Fact]
    public void QuorumLost_after_new_epoch_issues_certificate_then_checklist()
    {
        var roster = FleetOf(5, 2);
        Assert.Equal(RunbookAction.IssueCertificate, QuorumLost.Decide(Facts(roster, 2, false), 1).Step!.Action);
        Assert.Equal(RunbookAction.Checklist, QuorumLost.Decide(Facts(roster, 2, true), 1).Step!.Action);
        Assert.Equal(DecisionKind.Resolve, QuorumLost.Decide(Facts(roster, 2, true, PostRecoveryChecklist.StepName(2)), 1).Kind);
    }

    [Fact]
    public void Compromise_below_threshold_refreshes()
    {
        var d = Compromise.Decide(Facts(FleetOf(5, 1), 1), [N(2)], 1);
        Assert.Equal(RunbookAction.Refresh, d.Step!.Action);
    }

    [Fact]
    public void Compromise_at_threshold_revokes_lists_then_rekeys()
    {
        var facts = Facts(FleetOf(5, 1), 1);
        NodeId[] bad = [N(1), N(2), N(3)];
        Assert.Equal(RunbookAction.RevokeCertificate, Compromise.Decide(facts, bad, 1).Step!.Action);
        Assert.Equal(RunbookAction.ListTokens, Compromise.Decide(facts with { CompletedSteps = new HashSet<string> { "revoke@1" } }, bad, 1).Step!.Action);
        var after = Compromise.Decide(facts with { CompletedSteps = new HashSet<string> { "revoke@1", "list-tokens@1", "halt-signing@1" } }, bad, 1);
        Assert.Equal(RunbookAction.RunDkg, after.Step!.Action);
    }

    [Fact]
    public void ClockDrift_waits_while_excluded_and_resolves_after_readmission()
    {
        var drifting = FleetOf(5, 1).OnHeartbeat(Beat(3, 1, clockOk: false), T0, 2).Roster;
        Assert.Equal(DecisionKind.Wait, ClockDrift.Decide(Facts(drifting, 1), [N(3)]).Kind);
        var healed = drifting.OnHeartbeat(Beat(3, 1), T0, 2).Roster.OnHeartbeat(Beat(3, 1), T0, 2).Roster;
        Assert.Equal(DecisionKind.Resolve, ClockDrift.Decide(Facts(healed, 1), [N(3)]).Kind);
    }

    [Fact]
    public void ClockDrift_that_persists_past_the_limit_asks_once_to_replace_each_node_still_excluded()
    {
        var drifting = FleetOf(5, 1).OnHeartbeat(Beat(3, 1, clockOk: false), T0, 2).Roster.OnHeartbeat(Beat(4, 1, clockOk: false), T0, 2).Roster;
        var limit = TimeSpan.FromMinutes(10);
        Assert.Equal(DecisionKind.Wait, ClockDrift.Decide(Facts(drifting, 1), [N(3), N(4)], TimeSpan.FromMinutes(9), limit).Kind);
        var first = ClockDrift.Decide(Facts(drifting, 1), [N(3), N(4)], limit, limit);
        Assert.Equal(RunbookAction.ReplaceNode, first.Step!.Action);
        Assert.Equal("replace:n3", first.Step.Name);
        Assert.Equal(N(3), first.Step.Target);
        var facts = Facts(drifting, 1) with { CompletedSteps = new HashSet<string> { "replace:n3" } };
        Assert.Equal("replace:n4", ClockDrift.Decide(facts, [N(3), N(4)], limit, limit).Step!.Name);
        facts = facts with { CompletedSteps = new HashSet<string> { "replace:n3", "replace:n4" } };
        Assert.Equal(DecisionKind.Wait, ClockDrift.Decide(facts, [N(3), N(4)], TimeSpan.FromHours(1), limit).Kind);
    }

    [Fact]
    public void Partition_only_side_with_threshold_signs_and_three_way_halts()
    {
        IReadOnlyList<NodeId>[] twoWay = [[N(1), N(2), N(3)], [N(4), N(5)]];
        Assert.Equal([N(1), N(2), N(3)], Partition.SigningSide(twoWay, 3));
        IReadOnlyList<NodeId>[] threeWay = [[N(1), N(2)], [N(3), N(4)], [N(5)]];
        Assert.Null(Partition.SigningSide(threeWay, 3));
    }

    [Fact]
    public void Partition_validate_rejects_duplicate_node()
    {
        IReadOnlyList<NodeId>[] groups = [[N(1), N(2)], [N(2), N(3)]];
        Assert.Contains("n2", Partition.Validate(groups, [N(1), N(2), N(3)]), StringComparison.Ordinal);
    }

    [Fact]
    public void PostRecoveryChecklist_reports_every_item()
    {
        var items = PostRecoveryChecklist.Evaluate(new ChecklistFacts(5, 5, true, true, 5, 1, 1));
        Assert.Equal(5, items.Count);
        Assert.All(items, i => Assert.True(i.Passed));
        var failing = PostRecoveryChecklist.Evaluate(new ChecklistFacts(5, 4, true, false, 5, 1, 0));
        Assert.Equal(["all-nodes-hold-shares", "test-token-verified", "old-epoch-tokens-verify"], failing.Where(i => !i.Passed).Select(i => i.Name));
    }
}
