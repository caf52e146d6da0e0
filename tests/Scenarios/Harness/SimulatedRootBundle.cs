using CcTsa.Crypto.Attestation;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// One simulated AMD root (ARK/ASK + VCEK seed, PEM bundle, mode 0600) per test run, shared by the
/// distributed control plane (`cctsa serve --simulated-root FILE`, its trust anchor) and the
/// signers (`cctsa-signer --sim-root DIR`, which issue their simulated VCEKs from it), the way
/// `cctsa up` keeps one under its data directory.
/// </summary>
public static class SimulatedRootBundle
{
    /// <summary>The file name `cctsa-signer --sim-root DIR` looks for in DIR.</summary>
    public const string FileName = "simulated-amd-root.pem";

    private static readonly Lazy<string> Folder = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Directory => Folder.Value;

    public static string File => System.IO.Path.Combine(Folder.Value, FileName);

    private static string Create()
    {
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cctsa-scn-root-{Environment.ProcessId}");
        System.IO.Directory.CreateDirectory(dir);
        using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow.AddDays(-1), rsaBits: 3072);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(System.IO.Path.Combine(dir, FileName), options))
        using (var writer = new StreamWriter(stream))
            writer.Write(root.ToPemBundle());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.Directory.Delete(dir, recursive: true);
        return dir;
    }
}
