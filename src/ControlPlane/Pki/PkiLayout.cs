using System.Globalization;

namespace CcTsa.ControlPlane.Pki;

/// <summary>
/// Where the PKI files live under the data directory. Everything here is public material except
/// ca.key (the development CA's private key, mode 0600).
/// <code>
/// data/pki/ca.key  ca.pem  crl.der  chain.pem (external CA)
/// data/pki/epochs/{n}.pem  {n}.csr.pem (pending external issuance)   FROST-Ed25519 key
/// data/pki/epochs/{n}.{scheme}.pem  {n}.{scheme}.csr.pem              any other scheme (ecdsa-p384)
/// data/pki/foreign/{n}-{sha256 prefix}.pem   epoch files set aside: not for the key the log records
/// </code>
/// </summary>
public sealed class PkiLayout(string dataDirectory)
{
    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "pki");

    public string CaKey => Path.Combine(Root, "ca.key");

    public string CaCertificate => Path.Combine(Root, "ca.pem");

    /// <summary>The issuing chain given with an imported certificate (external CA flow), leaf excluded.</summary>
    public string ExternalChain => Path.Combine(Root, "chain.pem");

    public string Crl => Path.Combine(Root, "crl.der");

    public string Epochs => Path.Combine(Root, "epochs");

    /// <summary>Where epoch certificates that do not belong to this log are set aside (kept for the operator, never served).</summary>
    public string Foreign => Path.Combine(Root, "foreign");

    public string EpochCertificate(int epoch) => Path.Combine(Epochs, epoch.ToString(CultureInfo.InvariantCulture) + ".pem");

    public string EpochCsr(int epoch) => Path.Combine(Epochs, epoch.ToString(CultureInfo.InvariantCulture) + ".csr.pem");

    /// <summary>The certificate file of <paramref name="scheme"/>'s key in an epoch; FROST keeps the name it always had.</summary>
    public string EpochCertificate(int epoch, string scheme) =>
        scheme == FrostScheme ? EpochCertificate(epoch) : Path.Combine(Epochs, $"{epoch.ToString(CultureInfo.InvariantCulture)}.{SafeScheme(scheme)}.pem");

    /// <summary>The CSR file of <paramref name="scheme"/>'s key in an epoch.</summary>
    public string EpochCsr(int epoch, string scheme) =>
        scheme == FrostScheme ? EpochCsr(epoch) : Path.Combine(Epochs, $"{epoch.ToString(CultureInfo.InvariantCulture)}.{SafeScheme(scheme)}.csr.pem");

    private const string FrostScheme = "frost-ed25519";

    // schemes come from our own events; refuse anything that could leave the folder
    private static string SafeScheme(string scheme) =>
        IsSchemeName(scheme) ? scheme : throw new ArgumentException($"'{scheme}' is not a scheme name", nameof(scheme));

    private static bool IsSchemeName(string scheme) =>
        scheme.Length > 0 && scheme.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Epoch numbers that have an installed certificate, ascending.</summary>
    public IReadOnlyList<int> InstalledEpochs() => NumberedFiles(".pem");

    /// <summary>
    /// Every installed certificate, oldest epoch first: the FROST one ({n}.pem) and those of other
    /// schemes ({n}.{scheme}.pem), e.g. to check a token of any policy the log recorded.
    /// </summary>
    public IReadOnlyList<(int Epoch, string Scheme, string Path)> InstalledCertificates() =>
        [.. SchemeFiles(".pem").Where(f => !f.Path.EndsWith(".csr.pem", StringComparison.Ordinal))];

    /// <summary>Epoch numbers that have a CSR waiting for an external CA, ascending.</summary>
    public IReadOnlyList<int> PendingEpochs() => [.. NumberedFiles(".csr.pem").Where(n => !File.Exists(EpochCertificate(n)))];

    /// <summary>
    /// Every CSR still waiting for an external CA, oldest epoch first: the FROST one ({n}.csr.pem)
    /// and those of other schemes ({n}.{scheme}.csr.pem), each without its certificate file.
    /// </summary>
    public IReadOnlyList<(int Epoch, string Scheme)> PendingRequests() =>
        [.. SchemeFiles(".csr.pem").Where(f => !File.Exists(EpochCertificate(f.Epoch, f.Scheme))).Select(f => (f.Epoch, f.Scheme))];

    /// <summary>
    /// The epoch files named {n}<paramref name="suffix"/> (FROST) or {n}.{scheme}<paramref name="suffix"/>,
    /// oldest epoch first; a name that is not one of these is left out.
    /// </summary>
    private IReadOnlyList<(int Epoch, string Scheme, string Path)> SchemeFiles(string suffix)
    {
        if (!Directory.Exists(Epochs))
            return [];
        var result = new List<(int Epoch, string Scheme, string Path)>();
        foreach (var file in Directory.EnumerateFiles(Epochs, "*" + suffix))
        {
            var stem = Path.GetFileName(file)[..^suffix.Length];
            var dot = stem.IndexOf('.', StringComparison.Ordinal);
            var number = dot < 0 ? stem : stem[..dot];
            var scheme = dot < 0 ? FrostScheme : stem[(dot + 1)..];
            if (int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && IsSchemeName(scheme))
                result.Add((n, scheme, file));
        }
        return [.. result.OrderBy(r => r.Epoch).ThenBy(r => r.Scheme, StringComparer.Ordinal)];
    }

    /// <summary>Writes public material atomically (temp file + rename), creating folders as needed.</summary>
    public void WritePublic(string path, ReadOnlySpan<byte> content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, content.ToArray());
        File.Move(temp, path, overwrite: true);
    }

    private List<int> NumberedFiles(string suffix)
    {
        if (!Directory.Exists(Epochs))
            return [];
        var result = new List<int>();
        foreach (var file in Directory.EnumerateFiles(Epochs, "*" + suffix))
        {
            var name = Path.GetFileName(file);
            var stem = name[..^suffix.Length];
            if (int.TryParse(stem, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1)
                result.Add(n);
        }
        result.Sort();
        return result;
    }
}
