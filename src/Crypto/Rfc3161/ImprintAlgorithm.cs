namespace CcTsa.Crypto.Rfc3161;

/// <summary>The message-imprint hash algorithms this TSA accepts (the allow-list of issue 5).</summary>
public enum ImprintAlgorithm
{
    Sha256,
    Sha384,
    Sha512,
    Sha3_256,
    Sha3_384,
}
