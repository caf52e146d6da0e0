using System.Text.Json;
using System.Text.RegularExpressions;
using CcTsa.Testing;

namespace CcTsa.Hosting.Tests;

/// <summary>
/// test.sh runs the unit-test projects through tests/Units.slnf and then tests/Scenarios on its own:
/// a test project added to the solution but to neither would silently never run in CI.
/// </summary>
public sealed partial class SuiteLayoutTests
{
    [Fact]
    public void Every_test_project_of_the_solution_runs_in_the_units_filter_or_is_the_scenarios()
    {
        var solution = File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "CcTsa.EventSourced.sln"));
        var testProjects = ProjectPath().Matches(solution).Select(m => m.Groups[1].Value)
            .Where(p => p.StartsWith(@"tests\", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        using var filter = JsonDocument.Parse(File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "tests", "Units.slnf")));
        var units = filter.RootElement.GetProperty("solution").GetProperty("projects").EnumerateArray()
            .Select(p => p.GetString()!).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(@"tests\Scenarios\CcTsa.Scenarios.csproj", testProjects);
        Assert.DoesNotContain(@"tests\Scenarios\CcTsa.Scenarios.csproj", units);
        Assert.Subset(testProjects, units);
        var missing = testProjects.Except(units).Where(p => p != @"tests\Scenarios\CcTsa.Scenarios.csproj").ToList();
        Assert.True(missing.Count == 0, "test projects that test.sh would never run: " + string.Join(", ", missing));
        Assert.Contains("dotnet test tests/Units.slnf", File.ReadAllText(Path.Combine(Fixtures.RepoRoot, "test.sh")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"""([^""]+\.csproj)""")]
    private static partial Regex ProjectPath();
}
