using CcTsa.Testing;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// A fresh copy of the repository's files (what `git ls-files` lists, committed or not, without
/// bin/obj or data) in a temporary folder: what a newcomer has after `git clone`, so commands run
/// there build and resolve paths exactly as they would for them.
/// </summary>
public sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy(string root) => Root = root;

    public string Root { get; }

    public static async Task<RepositoryCopy> CreateAsync()
    {
        var root = Directory.CreateTempSubdirectory("cctsa-clone-").FullName;
        var (exit, listing) = await Shell.RunAsync("git ls-files -z --cached --others --exclude-standard", Fixtures.RepoRoot, TimeSpan.FromMinutes(1)).ConfigureAwait(false);
        if (exit != 0) throw new InvalidOperationException($"git ls-files failed in {Fixtures.RepoRoot} (exit {exit}): {listing}");
        foreach (var relative in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var source = Path.Combine(Fixtures.RepoRoot, relative);
            if (!File.Exists(source)) continue; // deleted in the work tree, not yet committed
            var target = Path.Combine(root, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
        }
        return new RepositoryCopy(root);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open by a process that is being reaped; the temp folder is cleaned by the OS
        }
    }
}
