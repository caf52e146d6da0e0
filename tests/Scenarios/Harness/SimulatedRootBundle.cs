using CcTsa.Crypto.Attestation;

namespace CcTsa.Scenarios.Harness;

/// <summary>
/// One simulated AMD root (ARK/ASK + VCEK seed, PEM bundle, mode 0600) per test run, shared by the
/// distributed control plane (`--simulated-root`, trust anchor) and its signers (which issue their
/// simulated VCEKs from it), the way `cctsa up` keeps one under its data directory.
/// </summary>
public static class SimulatedRootBundle
{
    private static readonly Lazy<string> File = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Path => File.Value;

    private static string Create()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"cctsa-scn-root-{Environment.ProcessId}.pem");
        using var root = SimulatedAmdRoot.Generate(DateTimeOffset.UtcNow, rsaBits: 3072);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(root.ToPemBundle());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => System.IO.File.Delete(path);
        return path;
    }
}
