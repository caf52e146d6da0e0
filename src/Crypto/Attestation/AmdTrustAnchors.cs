using System.Collections.Immutable;
using System.Reflection;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The roots a verifier trusts: AMD's public ARK/ASK pairs for Milan, Genoa and Turin (embedded in
/// this assembly from Roots/*.crt), optionally plus one per-installation simulated root. A report's
/// ARK must be one of these, byte for byte.
/// </summary>
public sealed class AmdTrustAnchors
{
    private static readonly Lazy<AmdTrustAnchors> GenuineRoots = new(LoadGenuine);
    private readonly ImmutableArray<AmdRootPair> _roots;

    private AmdTrustAnchors(ImmutableArray<AmdRootPair> roots) => _roots = roots;

    /// <summary>AMD's genuine roots only (the production set).</summary>
    public static AmdTrustAnchors Genuine => GenuineRoots.Value;

    /// <summary>The products and ARK subjects held, for display.</summary>
    public IReadOnlyList<string> Describe() =>
        [.. _roots.Select(r => $"{r.Product}{(r.Simulated ? " (simulated)" : "")}: {r.Ark.SubjectDN}")];

    /// <summary>These anchors plus a simulated root (ARK and ASK, DER). Production policy still refuses it.</summary>
    public AmdTrustAnchors WithSimulatedRoot(ReadOnlySpan<byte> arkDer, ReadOnlySpan<byte> askDer)
    {
        var ark = Single(arkDer);
        var ask = Single(askDer);
        if (!IsSimulated(ark))
            throw new ArgumentException("Not a simulated root: the ARK subject lacks the simulated marker.", nameof(arkDer));
        return new AmdTrustAnchors(_roots.Add(new AmdRootPair(SnpProduct.Milan, ark, ask, true)));
    }

    internal static bool IsSimulated(X509Certificate cert) =>
        cert.SubjectDN.ToString().Contains(SimulatedAmdRoot.Marker, StringComparison.Ordinal);

    /// <summary>The anchor whose ASK issued <paramref name="vcek"/> (matched by name).</summary>
    internal AmdRootPair? ForVcekIssuer(X509Certificate vcek) =>
        _roots.FirstOrDefault(r => r.Ask.SubjectDN.Equivalent(vcek.IssuerDN));

    /// <summary>The anchor whose ARK is exactly <paramref name="ark"/>.</summary>
    internal AmdRootPair? ForArk(X509Certificate ark)
    {
        var der = ark.GetEncoded();
        return _roots.FirstOrDefault(r => r.Ark.GetEncoded().AsSpan().SequenceEqual(der));
    }

    private static AmdTrustAnchors LoadGenuine() => new(
    [
        new AmdRootPair(SnpProduct.Milan, Resource("milan-ark.crt"), Resource("milan-ask.crt"), false),
        new AmdRootPair(SnpProduct.Genoa, Resource("genoa-ark.crt"), Resource("genoa-ask.crt"), false),
        new AmdRootPair(SnpProduct.Turin, Resource("turin-ark.crt"), Resource("turin-ask.crt"), false),
    ]);

    private static X509Certificate Resource(string name)
    {
        var asm = typeof(AmdTrustAnchors).Assembly;
        using var stream = asm.GetManifestResourceStream("CcTsa.Crypto.Attestation.Roots." + name)
            ?? throw new InvalidOperationException($"Embedded AMD root {name} is missing from {asm.GetName().Name}.");
        using var ms = new MemoryStream();
        stream.CopyTo(ms);
        return Single(ms.ToArray());
    }

    private static X509Certificate Single(ReadOnlySpan<byte> encoded)
    {
        var certs = CertificateReader.ReadAll(encoded);
        return certs.Count == 1 ? certs[0] : throw new ArgumentException("Expected exactly one certificate.", nameof(encoded));
    }
}
