using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.X509;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// The public half of a <see cref="SimulatedAmdRoot"/>: its ARK and ASK certificates, all a verifier
/// (the control plane, a peer) needs to accept reports that chain to it. It holds no key and no VCEK
/// seed, so whoever holds only this type cannot mint a simulated report (issue 13): the control
/// plane is given this, never the root itself. Reading a PEM takes only the CERTIFICATE blocks, so
/// it works on a certificate file and on a full root bundle alike, without parsing the keys.
/// </summary>
public sealed class SimulatedAmdRootCertificate
{
    private const string ArkLabel = "ARK CERTIFICATE";
    private const string AskLabel = "ASK CERTIFICATE";

    private readonly byte[] _ark;
    private readonly byte[] _ask;

    private SimulatedAmdRootCertificate(byte[] ark, byte[] ask) => (_ark, _ask) = (ark, ask);

    public byte[] ArkDer => (byte[])_ark.Clone();

    public byte[] AskDer => (byte[])_ask.Clone();

    /// <summary>AMD's genuine anchors plus this simulated root (a dev/test verifier's anchors).</summary>
    public AmdTrustAnchors TrustAnchors => AmdTrustAnchors.Genuine.WithSimulatedRoot(_ark, _ask);

    /// <summary>The certificates of a simulated ARK and the ASK it signed; FormatException when they are not that.</summary>
    public static SimulatedAmdRootCertificate FromDer(byte[] arkDer, byte[] askDer)
    {
        ArgumentNullException.ThrowIfNull(arkDer);
        ArgumentNullException.ThrowIfNull(askDer);
        try
        {
            var parser = new X509CertificateParser();
            var ark = parser.ReadCertificate(arkDer);
            var ask = parser.ReadCertificate(askDer);
            if (ark is null || ask is null || !AmdTrustAnchors.IsSimulated(ark) || !AmdSignatures.IsPssSha384SignedBy(ask, ark))
                throw new FormatException("Not a simulated AMD root: the ARK lacks the simulated marker or did not sign the ASK.");
            return new SimulatedAmdRootCertificate((byte[])arkDer.Clone(), (byte[])askDer.Clone());
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidCastException or Org.BouncyCastle.Security.Certificates.CertificateException)
        {
            throw new FormatException("Simulated AMD root certificates are damaged.", e);
        }
    }

    /// <summary>Reads the ARK and ASK CERTIFICATE blocks of a PEM text; any key blocks are skipped unread.</summary>
    public static SimulatedAmdRootCertificate FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        byte[]? ark = null, ask = null;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label];
            if (label.SequenceEqual(ArkLabel)) ark = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            else if (label.SequenceEqual(AskLabel)) ask = Convert.FromBase64String(rest[fields.Base64Data].ToString());
            rest = rest[fields.Location.End..];
        }
        if (ark is null || ask is null) throw new FormatException($"Simulated AMD root certificate file lacks its {(ark is null ? ArkLabel : AskLabel)}.");
        return FromDer(ark, ask);
    }

    /// <summary>PEM with the two certificates only (public; safe to hand to a control plane or an auditor).</summary>
    public string ToPem()
    {
        var sb = new StringBuilder();
        sb.Append(PemEncoding.Write(ArkLabel, _ark)).Append('\n');
        sb.Append(PemEncoding.Write(AskLabel, _ask)).Append('\n');
        return sb.ToString();
    }

    public override string ToString() => "SimulatedAmdRootCertificate";
}
