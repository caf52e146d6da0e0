using CcTsa.Testing;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Where the built `cctsa` and `cctsa-signer` assemblies are. The scenario project references both
/// executables, so a clean `dotnet test` copies them (with their runtimeconfig/deps files) next to
/// the test assembly; the src/*/bin folders are only a fallback for IDE runs.
/// </summary>
public static class BuiltBinaries
{
    public static string ControlPlane => Find("cctsa.dll", "ControlPlane");

    public static string Signer => Find("cctsa-signer.dll", "Signer");

    private static string Find(string file, string project)
    {
        var beside = Path.Combine(AppContext.BaseDirectory, file);
        if (File.Exists(beside) && File.Exists(Path.ChangeExtension(beside, ".runtimeconfig.json")))
            return beside;
        var bin = Path.Combine(Fixtures.RepoRoot, "src", project, "bin");
        var built = Directory.Exists(bin)
            ? Directory.EnumerateFiles(bin, file, SearchOption.AllDirectories).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
            : null;
        return built ?? throw new FileNotFoundException($"{file} was not built: expected it beside {AppContext.BaseDirectory} (ProjectReference) or under {bin}. Build the solution first.", file);
    }
}
