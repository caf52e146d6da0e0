using System.Formats.Asn1;
using CcTsa.Crypto.Pki;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// Verifies the ML-DSA-65 signature of a hybrid token (<see cref="HybridSignatureAttribute"/>) over
/// the same DER signed attributes as the classical SignerInfo: the ML-DSA-65 certificate is the one
/// given (<see cref="TokenVerificationOptions.PostQuantumCertificateDer"/>) or carried in the token
/// whose key is ML-DSA-65 and whose epoch is the classical certificate's; it must chain to the same CA
/// and be valid at genTime like the classical one. Runs only after the classical checks reached the
/// signature, so the signed attributes are known to belong to this TSTInfo.
/// </summary>
internal static class HybridSignatureCheck
{
    /// <summary>Null when the token has no hybrid attribute and its policy is not a hybrid one.</summary>
    public static PostQuantumVerdict? Check(TimeStampTokenReader.ParsedToken token, TstInfoSummary tstInfo, TsaCertificate classical,
        TokenVerificationOptions options)
    {
        byte[]? signature;
        try
        {
            signature = HybridSignatureAttribute.Read(token.UnsignedAttributes);
        }
        catch (AsnContentException e)
        {
            return Fail(VerificationFailure.Malformed, "the post-quantum signature attribute is malformed: " + e.Message);
        }
        var hybridPolicy = TsaPolicies.ByOid(tstInfo.Policy) is { IsHybrid: true };
        if (signature is null)
            return hybridPolicy ? Fail(VerificationFailure.Malformed, "the token's policy is hybrid but it carries no post-quantum signature attribute") : null;

        var candidates = new List<byte[]>(token.Certificates);
        if (options.PostQuantumCertificateDer is { IsEmpty: false } given) candidates.Insert(0, given.ToArray());
        var found = candidates
            .Select(der => TsaCertificate.TryParse(der, out var c, out _) ? c : null)
            .FirstOrDefault(c => c is { Algorithm: TokenSignatureAlgorithm.MlDsa65 } && c.Epoch == classical.Epoch);
        if (found is null)
            return Fail(VerificationFailure.SignerCertificateMissing,
                $"no ML-DSA-65 certificate of epoch {classical.Epoch?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(unstated)"} in the token; give it (--pq-cert)");
        if (!SignatureVerifier.Verify(TokenSignatureAlgorithm.MlDsa65, found.PublicKey.AsSpan(), token.SignedAttributesDer, signature))
            return new(VerificationFailure.SignatureInvalid, "the ML-DSA-65 signature does not verify under the ML-DSA-65 certificate key", Subject(found));
        var path = CertificatePathValidator.Validate([.. found.Der], token.Certificates, tstInfo.GenTime, options, []);
        return path.Failure != VerificationFailure.None
            ? new(path.Failure, "ML-DSA-65 certificate: " + path.Reason, Subject(found))
            : new(VerificationFailure.None, "valid", Subject(found));
    }

    private static string? Subject(TsaCertificate certificate) =>
        new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate([.. certificate.Der])?.SubjectDN.ToString();

    private static PostQuantumVerdict Fail(VerificationFailure failure, string reason) => new(failure, reason, null);
}
