namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// The signature algorithm of a token's single SignerInfo. Each one fixes the CMS digest algorithm
/// used for the message-digest attribute.
/// </summary>
public enum TokenSignatureAlgorithm
{
    /// <summary>id-Ed25519 with absent parameters; message digest SHA-512 (RFC 8419 §3).</summary>
    Ed25519,
    /// <summary>ecdsa-with-SHA384 over P-384; message digest SHA-384 (RFC 5753/5758).</summary>
    EcdsaP384Sha384,
    /// <summary>id-ml-dsa-65 with absent parameters; message digest SHA-512 (RFC 9882).</summary>
    MlDsa65,
}
