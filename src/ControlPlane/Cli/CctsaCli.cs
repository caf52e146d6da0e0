using System.CommandLine;

namespace CcTsa.ControlPlane.Cli;

/// <summary>The `cctsa` command tree. Each verb lives in its own file and adds itself here.</summary>
public static class CctsaCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("cctsa — control plane of the confidential-computing threshold Time-Stamp Authority");
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
