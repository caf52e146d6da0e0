namespace CcTsa.Dashboard.Tests;

/// <summary>Where the test run saves the README's screenshots: docs/img of the checkout the tests were built from.</summary>
public static class Screenshots
{
    public static string PathOf(string fileName)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CcTsa.EventSourced.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException($"no CcTsa.EventSourced.sln above {AppContext.BaseDirectory}: cannot find docs/img");
        var img = Path.Combine(dir.FullName, "docs", "img");
        Directory.CreateDirectory(img);
        return Path.Combine(img, fileName);
    }
}
