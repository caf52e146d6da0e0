using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class PlacementRuleTests
{
    private static (NodeId, string) N(int i, string p) => (NodeId.FromIndex(i), p);

    [Fact]
    public void Check_two_two_one_is_accepted()
    {
        Assert.Null(PlacementRule.Check([N(1, "azure"), N(2, "azure"), N(3, "gcp"), N(4, "gcp"), N(5, "third")], 3));
    }

    [Fact]
    public void Check_three_on_one_provider_is_refused_naming_it()
    {
        var reason = PlacementRule.Check([N(1, "azure"), N(2, "azure"), N(3, "azure"), N(4, "gcp"), N(5, "third")], 3);
        Assert.NotNull(reason);
        Assert.Contains("azure", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_provider_names_compare_case_insensitively()
    {
        Assert.NotNull(PlacementRule.Check([N(1, "Azure"), N(2, "azure"), N(3, "AZURE")], 3));
    }

    [Fact]
    public void CheckAdmission_third_node_on_a_provider_with_two_holders_is_refused()
    {
        var roster = RosterBuilder.FleetOf(4, 1); // n1, n2 azure; n3, n4 gcp
        var reason = PlacementRule.CheckAdmission(roster, NodeId.FromIndex(5), "azure", 3);
        Assert.NotNull(reason);
        Assert.Contains("placement", reason, StringComparison.Ordinal);
        Assert.Null(PlacementRule.CheckAdmission(roster, NodeId.FromIndex(5), "third", 3));
    }

    [Fact]
    public void CheckAdmission_replacing_a_node_does_not_count_its_old_instance()
    {
        var roster = RosterBuilder.FleetOf(5, 1);
        Assert.Null(PlacementRule.CheckAdmission(roster, NodeId.FromIndex(2), "azure", 3));
    }

    [Fact]
    public void CheckAdmission_offline_nodes_do_not_count()
    {
        var roster = RosterBuilder.FleetOf(4, 1).WithOffline(NodeId.FromIndex(1));
        Assert.Null(PlacementRule.CheckAdmission(roster, NodeId.FromIndex(5), "azure", 3));
    }
}
