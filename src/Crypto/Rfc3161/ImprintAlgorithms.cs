using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.Rfc3161;

/// <summary>
/// OIDs, digest lengths and hashing for <see cref="ImprintAlgorithm"/>. SHA-3 goes through
/// BouncyCastle so the result does not depend on the platform's OpenSSL build.
/// </summary>
public static class ImprintAlgorithms
{
    public static string Oid(ImprintAlgorithm algorithm) => algorithm switch
    {
        ImprintAlgorithm.Sha256 => Oids.Sha256,
        ImprintAlgorithm.Sha384 => Oids.Sha384,
        ImprintAlgorithm.Sha512 => Oids.Sha512,
        ImprintAlgorithm.Sha3_256 => Oids.Sha3_256,
        ImprintAlgorithm.Sha3_384 => Oids.Sha3_384,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static int Length(ImprintAlgorithm algorithm) => algorithm switch
    {
        ImprintAlgorithm.Sha256 or ImprintAlgorithm.Sha3_256 => 32,
        ImprintAlgorithm.Sha384 or ImprintAlgorithm.Sha3_384 => 48,
        ImprintAlgorithm.Sha512 => 64,
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>The command-line name: sha256, sha384, sha512, sha3-256, sha3-384.</summary>
    public static string Name(ImprintAlgorithm algorithm) => algorithm switch
    {
        ImprintAlgorithm.Sha256 => "sha256",
        ImprintAlgorithm.Sha384 => "sha384",
        ImprintAlgorithm.Sha512 => "sha512",
        ImprintAlgorithm.Sha3_256 => "sha3-256",
        ImprintAlgorithm.Sha3_384 => "sha3-384",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    public static bool TryFromOid(string oid, out ImprintAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<ImprintAlgorithm>())
        {
            if (Oid(candidate) == oid)
            {
                algorithm = candidate;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    public static bool TryFromName(string name, out ImprintAlgorithm algorithm)
    {
        foreach (var candidate in Enum.GetValues<ImprintAlgorithm>())
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                algorithm = candidate;
                return true;
            }
        }
        algorithm = default;
        return false;
    }

    public static byte[] Hash(ImprintAlgorithm algorithm, ReadOnlySpan<byte> data)
    {
        switch (algorithm)
        {
            case ImprintAlgorithm.Sha256: return SHA256.HashData(data);
            case ImprintAlgorithm.Sha384: return SHA384.HashData(data);
            case ImprintAlgorithm.Sha512: return SHA512.HashData(data);
            case ImprintAlgorithm.Sha3_256: return Sha3(256, data);
            case ImprintAlgorithm.Sha3_384: return Sha3(384, data);
            default: throw new ArgumentOutOfRangeException(nameof(algorithm));
        }
    }

    /// <summary>Hashes a stream (the CLI hashes files that may not fit in memory).</summary>
    public static byte[] Hash(ImprintAlgorithm algorithm, Stream data)
    {
        ArgumentNullException.ThrowIfNull(data);
        switch (algorithm)
        {
            case ImprintAlgorithm.Sha256: return SHA256.HashData(data);
            case ImprintAlgorithm.Sha384: return SHA384.HashData(data);
            case ImprintAlgorithm.Sha512: return SHA512.HashData(data);
            default:
                var digest = new Sha3Digest(algorithm == ImprintAlgorithm.Sha3_256 ? 256 : 384);
                var buffer = new byte[81920];
                int read;
                while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
                    digest.BlockUpdate(buffer, 0, read);
                var result = new byte[digest.GetDigestSize()];
                digest.DoFinal(result, 0);
                return result;
        }
    }

    private static byte[] Sha3(int bits, ReadOnlySpan<byte> data)
    {
        var digest = new Sha3Digest(bits);
        digest.BlockUpdate(data);
        var result = new byte[digest.GetDigestSize()];
        digest.DoFinal(result, 0);
        return result;
    }
}
