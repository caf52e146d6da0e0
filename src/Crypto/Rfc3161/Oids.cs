namespace CcTsa.Crypto.Rfc3161;

/// <summary>Object identifiers used by the RFC 3161 / CMS / PKI code, named as in their RFCs.</summary>
internal static class Oids
{
    public const string Sha256 = "2.16.840.1.101.3.4.2.1";
    public const string Sha384 = "2.16.840.1.101.3.4.2.2";
    public const string Sha512 = "2.16.840.1.101.3.4.2.3";
    public const string Sha3_256 = "2.16.840.1.101.3.4.2.8";
    public const string Sha3_384 = "2.16.840.1.101.3.4.2.9";
    public const string Sha1 = "1.3.14.3.2.26";

    public const string Ed25519 = "1.3.101.112";                 // RFC 8410 / RFC 8419
    public const string EcdsaWithSha384 = "1.2.840.10045.4.3.3";   // RFC 5758
    public const string MlDsa65 = "2.16.840.1.101.3.4.3.18";       // RFC 9882
    public const string EcPublicKey = "1.2.840.10045.2.1";         // id-ecPublicKey, RFC 5480
    public const string Secp384r1 = "1.3.132.0.34";                // namedCurve P-384, RFC 5480

    public const string SignedData = "1.2.840.113549.1.7.2";
    public const string TstInfo = "1.2.840.113549.1.9.16.1.4";     // id-ct-TSTInfo
    public const string ContentType = "1.2.840.113549.1.9.3";
    public const string MessageDigest = "1.2.840.113549.1.9.4";
    public const string SigningCertificateV2 = "1.2.840.113549.1.9.16.2.47";

    public const string KpTimeStamping = "1.3.6.1.5.5.7.3.8";
    public const string ExtKeyUsage = "2.5.29.37";
    public const string KeyUsage = "2.5.29.15";
}
