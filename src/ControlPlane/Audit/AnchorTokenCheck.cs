using System.Globalization;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Checks the tokens the log records about itself: a signed tree head's (the DER TimeStampToken in
/// LogHeadSigned, whose imprint must be SHA-256 of <see cref="LogHeadMessage"/> for its size and
/// root) and an old anchor's (the DER TimeStampResp in AuditAnchored, whose imprint is the anchored
/// chain head): the CMS signature under the TSA certificate of its epoch and the chain to the CA. The CRL is not consulted on purpose: a later compromise revocation must not turn the
/// log's own past checkpoints into a start-up refusal; the signature is what proves the head.
/// </summary>
public sealed class AnchorTokenCheck
{
    private readonly byte[] _ca;
    private readonly IReadOnlyList<(int Epoch, string Scheme, byte[] Der)> _epochs;

    private AnchorTokenCheck(byte[] ca, IReadOnlyList<(int, string, byte[])> epochs)
    {
        _ca = ca;
        _epochs = epochs;
    }

    /// <summary>Loads the CA and epoch certificates from <c>&lt;data&gt;/pki</c>; null when there is no CA certificate there.</summary>
    public static AnchorTokenCheck? FromDataDirectory(string dataDirectory)
    {
        var layout = new PkiLayout(dataDirectory);
        byte[]? ca = null;
        if (File.Exists(layout.CaCertificate) && Pem.TryDecode(File.ReadAllText(layout.CaCertificate), Pem.Certificate, out var root))
            ca = root;
        else if (File.Exists(layout.ExternalChain) && Pem.DecodeAll(File.ReadAllText(layout.ExternalChain), Pem.Certificate) is { Count: > 0 } chain)
            ca = chain[^1];
        if (ca is null) return null;
        // every scheme's certificate: a head is signed under the default policy (threshold ECDSA by default)
        var epochs = new List<(int, string, byte[])>();
        foreach (var (n, scheme, path) in layout.InstalledCertificates())
            if (Pem.TryDecode(File.ReadAllText(path), Pem.Certificate, out var der))
                epochs.Add((n, scheme, der));
        return new AnchorTokenCheck(ca, epochs);
    }

    /// <summary>Null when the anchor token proves the chain <paramref name="head"/>; otherwise why not.</summary>
    public string? Check(string tokenBase64, Sha256Hash head) => Check(tokenBase64, head.ToArray(), "anchor");

    /// <summary>Null when the head token stamps exactly this tree size and root (docs/TRANSPARENCY-LOG.md); otherwise why not.</summary>
    public string? CheckHead(string tokenBase64, long treeSize, Sha256Hash rootHash) =>
        Check(tokenBase64, LogHeadMessage.Imprint(treeSize, rootHash), "head");

    private string? Check(string tokenBase64, byte[] digest, string what)
    {
        byte[] token;
        try { token = Convert.FromBase64String(tokenBase64); }
        catch (FormatException) { return $"the {what} token is not base64"; }
        TokenVerdict? last = null;
        // an anchor token carries no certificate (certReq false): try each epoch's; ESSCertIDv2 picks the signer's
        foreach (var (epoch, scheme, der) in _epochs)
        {
            var verdict = TokenVerifier.VerifyDigest(token, digest, new TokenVerificationOptions(_ca, TsaCertificateDer: der));
            if (verdict.IsValid) return null;
            last = verdict;
            if (verdict.Failure is not (VerificationFailure.EssCertIdMismatch or VerificationFailure.SignerCertificateMissing))
                return string.Create(CultureInfo.InvariantCulture, $"the {what} token does not verify under the epoch {epoch} {scheme} certificate: {verdict.Reason}");
        }
        return last is null
            ? $"no TSA certificate is installed to check the {what} token against"
            : $"the {what} token was not signed by any installed TSA certificate: " + last.Reason;
    }
}
