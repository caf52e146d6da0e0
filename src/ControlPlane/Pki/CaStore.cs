using System.Diagnostics.CodeAnalysis;
using System.Text;
using CcTsa.Crypto.Pki;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Keeps the built-in development CA (ECDSA P-384 root) of the embedded default under the data
/// directory: ca.pem (public) and ca.key (PKCS#8, created with mode 0600 in a 0700 folder).
/// A key file that group or others may read or write is refused rather than used, because such a
/// key can no longer be trusted to be ours alone. Development use only: a production deployment
/// uses an external CA (`cctsa ca csr` / `cctsa ca import`).
/// </summary>
public sealed class CaStore(PkiLayout layout, TimeProvider time)
{
    public const string DefaultSubject = "CN=CC-TSA Development Root CA,O=CC-TSA";

    /// <summary>Validity of a newly created development root.</summary>
    public static readonly TimeSpan RootValidity = TimeSpan.FromDays(3650);

    private const UnixFileMode NotOwner =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public bool Exists => File.Exists(layout.CaKey) && File.Exists(layout.CaCertificate);

    /// <summary>Loads the CA, creating it first when the data directory has none.</summary>
    public bool TryLoadOrCreate([NotNullWhen(true)] out DevCertificateAuthority? ca, [NotNullWhen(false)] out string? error)
    {
        if (!File.Exists(layout.CaKey) && !File.Exists(layout.CaCertificate))
        {
            Create();
        }
        return TryLoad(out ca, out error);
    }

    /// <summary>Loads an existing CA; refuses a missing, mismatched or loosely permitted key.</summary>
    public bool TryLoad([NotNullWhen(true)] out DevCertificateAuthority? ca, [NotNullWhen(false)] out string? error)
    {
        ca = null;
        if (!File.Exists(layout.CaKey) || !File.Exists(layout.CaCertificate))
        {
            error = $"development CA not found under {layout.Root} (ca.key and ca.pem)";
            return false;
        }
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(layout.CaKey);
            if ((mode & NotOwner) != 0)
            {
                error = $"CA key {layout.CaKey} is accessible to group or others (mode {Octal(mode)}); it must be 0600";
                return false;
            }
        }
        return DevCertificateAuthority.TryLoad(File.ReadAllText(layout.CaCertificate), File.ReadAllText(layout.CaKey), out ca, out error);
    }

    private void Create()
    {
        var now = time.GetUtcNow();
        using var ca = DevCertificateAuthority.Create(DefaultSubject, now.AddMinutes(-5), now + RootValidity);
        Directory.CreateDirectory(layout.Root);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(layout.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        WriteSecret(layout.CaKey, ca.ExportPrivateKeyPem());
        layout.WritePublic(layout.CaCertificate, Encoding.ASCII.GetBytes(ca.CertificatePem));
    }

    /// <summary>Creates the key file with mode 0600 from the start, so it is never readable by others, not even briefly.</summary>
    private static void WriteSecret(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        var bytes = Encoding.ASCII.GetBytes(pem);
        try
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static string Octal(UnixFileMode mode) => Convert.ToString((int)mode, 8).PadLeft(4, '0');
}
