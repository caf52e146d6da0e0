using System.Text.Json;

namespace CcTsa.Testing;

/// <summary>
/// Locates the shared test fixtures (../shared/fixtures relative to the repository root, or
/// CCTSA_FIXTURES). A missing file fails the test: fixtures are never optional.
/// </summary>
public static class Fixtures
{
    private static readonly Lazy<string> RootDir = new(FindRoot);

    /// <summary>The repository root (the folder holding CcTsa.EventSourced.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Root => RootDir.Value;

    public static string PathOf(string relative)
    {
        var path = Path.Combine(Root, relative);
        if (!File.Exists(path) && !Directory.Exists(path))
            throw new FileNotFoundException($"Required test fixture is missing: {path}. Fixtures live in ../shared/fixtures beside the repository (or set CCTSA_FIXTURES).", path);
        return path;
    }

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));

    public static string Text(string relative) => File.ReadAllText(PathOf(relative));

    public static JsonDocument Json(string relative) => JsonDocument.Parse(Text(relative));

    private static string FindRoot()
    {
        var env = Environment.GetEnvironmentVariable("CCTSA_FIXTURES");
        var dir = string.IsNullOrEmpty(env) ? Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures")) : env;
        if (!Directory.Exists(dir))
            throw new DirectoryNotFoundException($"Test fixtures folder not found: {dir}");
        return dir;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CcTsa.EventSourced.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("Repository root (CcTsa.EventSourced.sln) not found above " + AppContext.BaseDirectory);
    }
}
