using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// FROST(Ed25519, SHA-512), RFC 9591 §6.1, contextString "FROST-ED25519-SHA512-v1".
/// H1 (rho), H3 (nonce), H4 (msg), H5 (com) prefix the context string and a label; H2 is plain
/// SHA-512 so the challenge is exactly RFC 8032's and the signature verifies as Ed25519.
/// HDKG (label "dkg") is the proof-of-knowledge challenge of the DKG (RFC 9591 Appendix C / frost-core).
/// </summary>
public static class Ciphersuite
{
    public const string ContextString = "FROST-ED25519-SHA512-v1";

    /// <summary>Ciphersuite byte of our wire header (one suite today).</summary>
    public const byte Id = 0x01;

    private static readonly byte[] Context = Encoding.ASCII.GetBytes(ContextString);

    /// <summary>H1: binding factor hash.</summary>
    public static PublicScalar H1(ReadOnlySpan<byte> m) => HashToScalar("rho"u8, m);

    /// <summary>H2: the Ed25519 challenge, SHA-512(R ‖ A ‖ msg) mod L.</summary>
    public static PublicScalar H2(ReadOnlySpan<byte> r, ReadOnlySpan<byte> a, ReadOnlySpan<byte> msg)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(r);
        h.AppendData(a);
        h.AppendData(msg);
        Span<byte> wide = stackalloc byte[64];
        h.GetHashAndReset(wide);
        Span<byte> s = stackalloc byte[32];
        Ed25519Group.ScalarReduce(s, wide);
        return PublicScalar.FromTrusted(s);
    }

    /// <summary>H3 on secret input: writes the nonce scalar straight into <paramref name="destination"/>.</summary>
    internal static void H3(Span<byte> destination, ReadOnlySpan<byte> m)
    {
        if (m.Length > 128) throw new ArgumentException("H3 input is at most 128 bytes.", nameof(m));
        // Stack buffers only: the input holds a secret share and must not reach the managed heap.
        Span<byte> buf = stackalloc byte[Context.Length + 5 + m.Length];
        Span<byte> wide = stackalloc byte[64];
        try
        {
            Context.CopyTo(buf);
            "nonce"u8.CopyTo(buf[Context.Length..]);
            m.CopyTo(buf[(Context.Length + 5)..]);
            SHA512.HashData(buf, wide);
            Ed25519Group.ScalarReduce(destination, wide);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buf);
            CryptographicOperations.ZeroMemory(wide);
        }
    }

    /// <summary>H4: message hash (64 bytes).</summary>
    public static byte[] H4(ReadOnlySpan<byte> m) => Hash("msg"u8, m);

    /// <summary>H5: commitment list hash (64 bytes).</summary>
    public static byte[] H5(ReadOnlySpan<byte> m) => Hash("com"u8, m);

    /// <summary>HDKG: challenge of the DKG proof of knowledge.</summary>
    public static PublicScalar HDkg(ReadOnlySpan<byte> m) => HashToScalar("dkg"u8, m);

    private static byte[] Hash(ReadOnlySpan<byte> label, ReadOnlySpan<byte> m)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(Context);
        h.AppendData(label);
        h.AppendData(m);
        return h.GetHashAndReset();
    }

    private static PublicScalar HashToScalar(ReadOnlySpan<byte> label, ReadOnlySpan<byte> m)
    {
        Span<byte> s = stackalloc byte[32];
        Ed25519Group.ScalarReduce(s, Hash(label, m));
        return PublicScalar.FromTrusted(s);
    }
}
