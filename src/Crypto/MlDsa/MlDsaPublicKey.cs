using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// A standard ML-DSA-65 public key ρ ‖ t1 (FIPS 204 pkEncode, 1952 bytes) with what signing and
/// combining derive from it: tr = H(pk, 64) and Â = ExpandA(ρ).
/// </summary>
public sealed class MlDsaPublicKey
{
    private readonly byte[] _encoding;
    private readonly Lazy<int[][]> _a;

    private MlDsaPublicKey(byte[] encoding)
    {
        _encoding = encoding;
        T1 = new int[MlDsa65.K][];
        for (var i = 0; i < MlDsa65.K; i++)
        {
            T1[i] = new int[MlDsa65.N];
            BitPacking.Unpack(encoding.AsSpan(MlDsa65.SeedBytes + i * MlDsa65.T1PolyBytes, MlDsa65.T1PolyBytes), 10, T1[i]);
        }
        Tr = new byte[MlDsa65.TrBytes];
        var h = new ShakeDigest(256);
        h.BlockUpdate(encoding);
        h.OutputFinal(Tr);
        var rho = encoding[..MlDsa65.SeedBytes];
        _a = new Lazy<int[][]>(() => Sampling.ExpandA(rho));
    }

    /// <summary>Decodes pkEncode bytes; the only check FIPS 204 needs is the length.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, out MlDsaPublicKey? key)
    {
        key = encoding.Length == MlDsa65.PublicKeyBytes ? new MlDsaPublicKey(encoding.ToArray()) : null;
        return key is not null;
    }

    public static MlDsaPublicKey Decode(ReadOnlySpan<byte> encoding) =>
        TryDecode(encoding, out var key) ? key!
            : throw new ArgumentException($"An ML-DSA-65 public key is {MlDsa65.PublicKeyBytes} bytes, not {encoding.Length}.", nameof(encoding));

    /// <summary>pk = ρ ‖ SimpleBitPack(t1, 10 bits).</summary>
    internal static MlDsaPublicKey FromParts(ReadOnlySpan<byte> rho, int[][] t1)
    {
        var enc = new byte[MlDsa65.PublicKeyBytes];
        rho.CopyTo(enc);
        for (var i = 0; i < MlDsa65.K; i++)
            BitPacking.Pack(t1[i], 10, enc.AsSpan(MlDsa65.SeedBytes + i * MlDsa65.T1PolyBytes, MlDsa65.T1PolyBytes));
        return new MlDsaPublicKey(enc);
    }

    public ReadOnlySpan<byte> Encoding => _encoding;

    public ReadOnlySpan<byte> Rho => _encoding.AsSpan(0, MlDsa65.SeedBytes);

    internal byte[] Tr { get; }

    internal int[][] T1 { get; }

    /// <summary>Â in the NTT domain, K×L row-major.</summary>
    internal int[][] A => _a.Value;

    /// <summary>μ = H(tr ‖ 0x00 ‖ |ctx| ‖ ctx ‖ M, 64): FIPS 204 Algorithm 2, pure mode.</summary>
    public byte[] MessageRepresentative(ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        if (context.Length > 255) throw new ArgumentException($"An ML-DSA context is at most 255 bytes, not {context.Length}.", nameof(context));
        var h = new ShakeDigest(256);
        h.BlockUpdate(Tr);
        Span<byte> prefix = [0, (byte)context.Length];
        h.BlockUpdate(prefix);
        h.BlockUpdate(context);
        h.BlockUpdate(message);
        var mu = new byte[MlDsa65.MuBytes];
        h.OutputFinal(mu);
        return mu;
    }

    public override string ToString() => "MlDsaPublicKey(" + Convert.ToHexStringLower(SHA256.HashData(_encoding).AsSpan(0, 8)) + "…)";
}
