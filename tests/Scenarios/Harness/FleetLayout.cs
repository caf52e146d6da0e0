namespace CcTsa.Scenarios.Harness;

/// <summary>The seed's 2/2/1 placement: n1, n2 on azure; n3, n4 on gcp; n5 on a third provider.</summary>
public static class FleetLayout
{
    public const int Threshold = 3;

    public static IReadOnlyList<string> Nodes { get; } = ["n1", "n2", "n3", "n4", "n5"];

    public static string ProviderOf(string node) => node switch
    {
        "n1" or "n2" => "azure",
        "n3" or "n4" => "gcp",
        "n5" => "third",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "nodes are n1..n5"),
    };

    public static IReadOnlyList<string> OnProvider(string provider) => [.. Nodes.Where(n => ProviderOf(n) == provider)];
}
