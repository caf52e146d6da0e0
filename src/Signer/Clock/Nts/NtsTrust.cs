using System.Security.Cryptography.X509Certificates;

namespace CcTsa.Signer.Clock.Nts;

/// <summary>
/// Which certificates an NTS-KE server may present: a chain to the given roots (--nts-ca), or to
/// the system store when none are given; the leaf must name the host (DNS or IP SAN). Revocation
/// is not fetched, so a clock check never depends on a CRL/OCSP server being reachable.
/// </summary>
public sealed class NtsTrust
{
    private readonly X509Certificate2Collection? _roots;

    private NtsTrust(X509Certificate2Collection? roots) => _roots = roots;

    public static NtsTrust System { get; } = new(null);

    public static NtsTrust FromRoots(IEnumerable<X509Certificate2> roots)
    {
        var collection = new X509Certificate2Collection();
        foreach (var r in roots) collection.Add(r);
        if (collection.Count == 0) throw new ArgumentException("At least one NTS trust root is needed.", nameof(roots));
        return new NtsTrust(collection);
    }

    /// <summary>Loads PEM or DER certificate files (each may hold several PEM certificates).</summary>
    public static NtsTrust FromFiles(IEnumerable<string> paths)
    {
        var roots = new List<X509Certificate2>();
        foreach (var path in paths)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"NTS CA certificate file '{path}' does not exist.", path);
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                var pem = new X509Certificate2Collection();
                pem.ImportFromPem(text);
                roots.AddRange(pem);
            }
            else
            {
                roots.Add(X509CertificateLoader.LoadCertificate(File.ReadAllBytes(path)));
            }
        }
        return FromRoots(roots);
    }

    /// <summary>Null when <paramref name="chain"/> (leaf first) is trusted for <paramref name="host"/>; otherwise why not.</summary>
    public string? Check(IReadOnlyList<X509Certificate2> chain, string host)
    {
        if (chain.Count == 0) return "the server sent no certificate";
        using var x509 = new X509Chain();
        x509.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        x509.ChainPolicy.VerificationTime = DateTime.UtcNow;
        if (_roots is not null)
        {
            x509.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            x509.ChainPolicy.CustomTrustStore.AddRange(_roots);
        }
        for (var i = 1; i < chain.Count; i++) x509.ChainPolicy.ExtraStore.Add(chain[i]);
        if (!x509.Build(chain[0]))
        {
            var status = string.Join("; ", x509.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
            return $"certificate '{chain[0].Subject}' is not trusted: {(status.Length > 0 ? status : "no chain to a trusted root")}";
        }
        return chain[0].MatchesHostname(host, allowWildcards: true, allowCommonName: false)
            ? null
            : $"certificate '{chain[0].Subject}' does not name host '{host}'";
    }
}
