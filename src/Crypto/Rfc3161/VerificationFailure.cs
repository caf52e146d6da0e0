namespace CcTsa.Crypto.Rfc3161;

/// <summary>The specific reason a token failed verification (None when it is valid).</summary>
public enum VerificationFailure
{
    None,
    /// <summary>Not a DER TimeStampResp / TimeStampToken, or structurally wrong.</summary>
    Malformed,
    /// <summary>The response carries no token (rejection or other non-granted status).</summary>
    NotGranted,
    /// <summary>The message imprint is not the hash of the given data.</summary>
    ImprintMismatch,
    /// <summary>eContentType or the content-type attribute is not id-ct-TSTInfo.</summary>
    ContentTypeMismatch,
    /// <summary>The message-digest attribute is not the digest of the TSTInfo.</summary>
    MessageDigestMismatch,
    /// <summary>No certificate available: the token has none and none was given.</summary>
    SignerCertificateMissing,
    /// <summary>ESSCertIDv2 (signing-certificate-v2) does not match the TSA certificate.</summary>
    EssCertIdMismatch,
    /// <summary>The SignerInfo sid does not name the TSA certificate.</summary>
    SignerIdentifierMismatch,
    /// <summary>Signature or digest algorithm not supported, or not matching the certificate key.</summary>
    UnsupportedAlgorithm,
    /// <summary>The signature does not verify under the TSA certificate key.</summary>
    SignatureInvalid,
    /// <summary>EKU is not critical id-kp-timeStamping only, or keyUsage lacks digitalSignature.</summary>
    KeyUsageInvalid,
    /// <summary>The tsa field does not name the certificate subject.</summary>
    TsaNameMismatch,
    /// <summary>The certificate does not chain to the given CA.</summary>
    ChainInvalid,
    /// <summary>A certificate of the chain was not valid at genTime.</summary>
    NotValidAtGenTime,
    /// <summary>The CRL is malformed, not from the CA, or its signature does not verify.</summary>
    CrlInvalid,
    /// <summary>The TSA certificate is revoked and the RFC 3161 §4 rule invalidates this token.</summary>
    Revoked,
}
