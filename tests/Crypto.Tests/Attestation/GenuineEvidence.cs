using CcTsa.Crypto.Attestation;

namespace CcTsa.Testing;

/// <summary>
/// The genuine AMD fixtures (../shared/fixtures/sev-snp) as a host hands them to a guest: the report
/// and a SEV certificate table holding the VCEK, ASK and ARK. Linked into every test project that
/// needs real evidence, so they all build tables the same way.
/// </summary>
public static class GenuineEvidence
{
    public static byte[] VirteeReport => Fixtures.Bytes("sev-snp/milan-virtee/report.bin");

    public static byte[] DebugPolicyReport => Fixtures.Bytes("sev-snp/milan-debug-policy/attestation.bin");

    /// <summary>The milan-virtee chain as a certificate table (VCEK, ASK, ARK, all DER).</summary>
    public static byte[] VirteeTable() => Table(
        Fixtures.Bytes("sev-snp/milan-virtee/vcek.der"),
        Fixtures.Bytes("sev-snp/milan-virtee/ask.pem"), Fixtures.Bytes("sev-snp/milan-virtee/ark.pem"));

    /// <summary>The milan-debug-policy chain as a certificate table.</summary>
    public static byte[] DebugPolicyTable() => Table(
        Fixtures.Bytes("sev-snp/milan-debug-policy/vcek.der"), Fixtures.Bytes("sev-snp/milan-debug-policy/ask_ark.pem"));

    public static byte[] Table(byte[] vcek, params byte[][] askArk)
    {
        var chain = AttestationChain.FromEncoded(vcek, askArk).Value;
        var entries = new List<SevCertificateEntry> { SevCertificateEntry.Of(SevCertificateKind.Vcek, chain.Vcek.AsSpan()) };
        if (chain.Ask is { } ask) entries.Add(SevCertificateEntry.Of(SevCertificateKind.Ask, ask.AsSpan()));
        if (chain.Ark is { } ark) entries.Add(SevCertificateEntry.Of(SevCertificateKind.Ark, ark.AsSpan()));
        return new SevCertificateTable([.. entries]).ToBytes();
    }
}
