using System.Globalization;
using CcTsa.ControlPlane.Pki;
using CcTsa.Contracts.Hashing;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// Checks an anchor token (the DER TimeStampResp recorded in AuditAnchored): its CMS signature
/// under the TSA certificate of its epoch, the chain to the CA, and that its imprint is the anchored
/// chain head. The CRL is not consulted on purpose: a later compromise revocation must not turn the
/// log's own past checkpoints into a start-up refusal; the signature is what proves the head.
/// </summary>
public sealed class AnchorTokenCheck
{
    private readonly byte[] _ca;
    private readonly IReadOnlyList<(int Epoch, byte[] Der)> _epochs;

    private AnchorTokenCheck(byte[] ca, IReadOnlyList<(int, byte[])> epochs)
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
        var epochs = new List<(int, byte[])>();
        foreach (var n in layout.InstalledEpochs())
            if (Pem.TryDecode(File.ReadAllText(layout.EpochCertificate(n)), Pem.Certificate, out var der))
                epochs.Add((n, der));
        return new AnchorTokenCheck(ca, epochs);
    }

    /// <summary>Null when the token proves <paramref name="head"/>; otherwise why not.</summary>
    public string? Check(string tokenBase64, Sha256Hash head)
    {
        byte[] token;
        try { token = Convert.FromBase64String(tokenBase64); }
        catch (FormatException) { return "the anchor token is not base64"; }
        var digest = head.ToArray();
        TokenVerdict? last = null;
        // the token carries no certificate (certReq false): try each epoch's; ESSCertIDv2 picks the signer's
        foreach (var (epoch, der) in _epochs)
        {
            var verdict = TokenVerifier.VerifyDigest(token, digest, new TokenVerificationOptions(_ca, TsaCertificateDer: der));
            if (verdict.IsValid) return null;
            last = verdict;
            if (verdict.Failure is not (VerificationFailure.EssCertIdMismatch or VerificationFailure.SignerCertificateMissing))
                return string.Create(CultureInfo.InvariantCulture, $"the anchor token does not verify under the epoch {epoch} certificate: {verdict.Reason}");
        }
        return last is null
            ? "no TSA certificate is installed to check the anchor token against"
            : "the anchor token was not signed by any installed TSA certificate: " + last.Reason;
    }
}
