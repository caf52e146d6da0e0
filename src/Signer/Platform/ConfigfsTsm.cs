using System.Globalization;
using CcTsa.Crypto.Attestation;

namespace CcTsa.Signer.Platform;

/// <summary>
/// The kernel's configfs-tsm report interface (Documentation/ABI/testing/configfs-tsm, Linux 6.7+):
/// in an entry directory under <see cref="Root"/>, write the 64-byte REPORT_DATA to <c>inblob</c>,
/// read the report from <c>outblob</c> and the certificate table from <c>auxblob</c>. The entry is
/// created once and reused; <c>generation</c> counts writes to it, so an unchanged generation around
/// the reads proves no other writer slipped in between. The root is injectable: tests point it at a
/// plain directory laid out the same way.
/// </summary>
public sealed class ConfigfsTsm(string root = ConfigfsTsm.DefaultRoot, string entry = ConfigfsTsm.DefaultEntry)
{
    public const string DefaultRoot = "/sys/kernel/config/tsm/report";
    public const string DefaultEntry = "cctsa";
    public const string SevProvider = "sev_guest";
    private const int Attempts = 3;
    private readonly Lock _gate = new();

    public string Root { get; } = root;

    /// <summary>True when the configfs-tsm report directory exists (the kernel has the interface and a provider).</summary>
    public bool IsPresent => Directory.Exists(Root);

    public SnpEvidence Request(ReadOnlySpan<byte> reportData)
    {
        if (reportData.Length != 64)
            throw new ArgumentException($"REPORT_DATA is 64 bytes, got {reportData.Length}.", nameof(reportData));
        var dir = Path.Combine(Root, entry);
        lock (_gate)
        {
            try
            {
                Directory.CreateDirectory(dir); // mkdir: the kernel populates the entry's attributes
                var provider = File.ReadAllText(Path.Combine(dir, "provider")).Trim();
                if (provider != SevProvider)
                    throw new PlatformUnavailableException($"configfs-tsm at {Root} is served by '{provider}', not {SevProvider}: this guest is not SEV-SNP.");
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    Write(Path.Combine(dir, "inblob"), reportData);
                    var before = Generation(dir);
                    var report = File.ReadAllBytes(Path.Combine(dir, "outblob"));
                    var aux = Path.Combine(dir, "auxblob");
                    var table = File.Exists(aux) ? File.ReadAllBytes(aux) : [];
                    if (Generation(dir) != before) continue; // another writer raced us: ask again
                    if (report.Length != SnpReport.Size)
                        throw new PlatformUnavailableException($"{dir}/outblob holds {report.Length} bytes, not a 0x4A0-byte SEV-SNP report.");
                    return new SnpEvidence(report, table);
                }
                throw new PlatformUnavailableException($"configfs-tsm entry {dir} kept changing under us ({Attempts} attempts): another process writes to it.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new PlatformUnavailableException($"configfs-tsm request in {dir} failed: {e.Message}");
            }
        }
    }

    private static void Write(string path, ReadOnlySpan<byte> data)
    {
        // configfs binary attributes take one write of the whole value
        using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write);
        stream.Write(data);
    }

    private static long Generation(string dir)
    {
        var text = File.ReadAllText(Path.Combine(dir, "generation")).Trim();
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var g)
            ? g
            : throw new PlatformUnavailableException($"{dir}/generation holds '{text}', not a counter.");
    }
}
