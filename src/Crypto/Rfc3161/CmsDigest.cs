using System.Security.Cryptography;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>The CMS digest algorithm each signature algorithm requires, and hashing with it.</summary>
internal static class CmsDigest
{
    public static string Oid(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => Oids.Sha384,
        TokenSignatureAlgorithm.Ed25519 or TokenSignatureAlgorithm.MlDsa65 => Oids.Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static string SignatureOid(TokenSignatureAlgorithm algorithm) => algorithm switch
    {
        TokenSignatureAlgorithm.Ed25519 => Oids.Ed25519,
        TokenSignatureAlgorithm.EcdsaP384Sha384 => Oids.EcdsaWithSha384,
        TokenSignatureAlgorithm.MlDsa65 => Oids.MlDsa65,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static byte[] Hash(TokenSignatureAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        TokenSignatureAlgorithm.EcdsaP384Sha384 => SHA384.HashData(data),
        _ => SHA512.HashData(data),
    };

    public static bool TryHashByOid(string oid, ReadOnlySpan<byte> data, out byte[] digest)
    {
        digest = oid switch
        {
            Oids.Sha256 => SHA256.HashData(data),
            Oids.Sha384 => SHA384.HashData(data),
            Oids.Sha512 => SHA512.HashData(data),
            _ => [],
        };
        return digest.Length > 0;
    }
}
