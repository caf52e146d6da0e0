using CcTsa.Testing;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// Where the built `cctsa` and `cctsa-signer` assemblies are. The scenario project references both
/// executables, so a clean `dotnet test` builds them into their own bin folders (same
/// configuration and framework as the tests); those are used first because only there does each
/// executable have exactly its own dependency set (the signer is not an ASP.NET app, and beside the
/// test assembly its deps.json would resolve against the control plane's shared framework).
/// The copies beside the test assembly are the fallback.
/// </summary>
public static class BuiltBinaries
{
    public static string ControlPlane => Find("cctsa.dll", "Cli");

    public static string Signer => Find("cctsa-signer.dll", "Signer");

    private static string Find(string file, string project)
    {
        var testDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testDir.Name;
        var configuration = testDir.Parent?.Name ?? "Debug";
        var own = Path.Combine(Fixtures.RepoRoot, "src", project, "bin", configuration, framework, file);
        if (Runnable(own)) return own;
        var beside = Path.Combine(AppContext.BaseDirectory, file);
        if (Runnable(beside)) return beside;
        throw new FileNotFoundException($"{file} was not built: expected {own} (ProjectReference build) or {beside}. Build the solution first.", file);
    }

    private static bool Runnable(string dll) => File.Exists(dll) && File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json"));
}
