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
}
