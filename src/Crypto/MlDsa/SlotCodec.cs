using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Digests;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// The per-slot encodings of the threshold messages: w as 6 polynomials of 23-bit residues (the
/// reference's PackW), z as 5 polynomials in the FIPS 204 z encoding (γ1 − z, 20 bits), the
/// commitment hash, and the shared A·ŷ product.
/// </summary>
internal static class SlotCodec
{
    private const int WSlotBytes = MlDsa65.K * MlDsa65.FullPolyBytes;
    private static readonly byte[] CommitDomain = Encoding.ASCII.GetBytes("cctsa/thmldsa65/commit/v1");

    public static void PackW(ReadOnlySpan<int> w, Span<byte> revealed, int slot)
    {
        for (var i = 0; i < MlDsa65.K; i++)
            BitPacking.Pack(w.Slice(i * MlDsa65.N, MlDsa65.N), 23, revealed.Slice(slot * WSlotBytes + i * MlDsa65.FullPolyBytes, MlDsa65.FullPolyBytes));
    }

    /// <summary>False when a 23-bit value is not a residue (≥ q).</summary>
    public static bool TryUnpackW(ReadOnlySpan<byte> revealed, int slot, Span<int> w)
    {
        var bad = 0;
        for (var i = 0; i < MlDsa65.K; i++)
            bad |= Unpack23(revealed.Slice(slot * WSlotBytes + i * MlDsa65.FullPolyBytes, MlDsa65.FullPolyBytes), w.Slice(i * MlDsa65.N, MlDsa65.N));
        return bad == 0;
    }

    /// <summary>
    /// BitPacking.Unpack(src, 23, poly) one 32-bit read per value (23 bits at a shift ≤ 7 fit in
    /// 4 bytes; the last value, at shift 1, in the 3 left), the bit loop being most of the
    /// reveal checks. Returns a non-zero value when some coefficient is ≥ q.
    /// </summary>
    internal static int Unpack23(ReadOnlySpan<byte> src, Span<int> poly)
    {
        const int mask = (1 << 23) - 1;
        var bad = 0;
        for (var k = 0; k < MlDsa65.N; k++)
        {
            var bit = 23 * k;
            var at = bit >> 3;
            var word = at + 4 <= src.Length ? BinaryPrimitives.ReadUInt32LittleEndian(src[at..])
                : src[at] | (uint)src[at + 1] << 8 | (uint)src[at + 2] << 16;
            var v = (int)(word >> (bit & 7)) & mask;
            poly[k] = v;
            bad |= (MlDsa65.Q - 1 - v) >> 31;
        }
        return bad;
    }

    /// <summary>Packs centred z (each in (−γ1, γ1]) for one slot.</summary>
    public static void PackZ(ReadOnlySpan<int> z, Span<byte> dst)
    {
        Span<int> v = stackalloc int[MlDsa65.N];
        for (var j = 0; j < MlDsa65.L; j++)
        {
            for (var c = 0; c < MlDsa65.N; c++) v[c] = MlDsa65.Gamma1 - z[j * MlDsa65.N + c];
            BitPacking.Pack20(v, dst.Slice(j * MlDsa65.ZPolyBytes, MlDsa65.ZPolyBytes));
        }
        v.Clear();
    }

    /// <summary>Unpacks one slot's z as centred values in [γ1 − 2^20 + 1, γ1].</summary>
    public static void UnpackZ(ReadOnlySpan<byte> src, Span<int> z)
    {
        for (var j = 0; j < MlDsa65.L; j++)
        {
            var poly = z.Slice(j * MlDsa65.N, MlDsa65.N);
            BitPacking.Unpack20(src.Slice(j * MlDsa65.ZPolyBytes, MlDsa65.ZPolyBytes), poly);
            for (var c = 0; c < MlDsa65.N; c++) poly[c] = MlDsa65.Gamma1 - poly[c];
        }
    }

    /// <summary>
    /// The Round-1 commitment. SHAKE256 through OpenSSL (.NET's Shake256, as Dkls23's Oracle uses
    /// it): each signer hashes three 273 KB reveals per run, where BouncyCastle's managed Keccak
    /// was the largest cost of Round 3. Several at once: <see cref="CommitmentBatch"/>.
    /// </summary>
    public static byte[] CommitmentHash(MlDsaPublicKey pk, MlDsaSession session, int partyIndex, ReadOnlySpan<byte> revealed)
    {
        using var h = new Shake256();
        h.AppendData(CommitmentPrefix(pk, session, partyIndex));
        h.AppendData(revealed);
        return h.GetHashAndReset(ThresholdParams.CommitmentBytes);
    }

    /// <summary>What the commitment hashes before W: domain ‖ tr ‖ session ‖ party (one length for every party of a session).</summary>
    public static byte[] CommitmentPrefix(MlDsaPublicKey pk, MlDsaSession session, int partyIndex) =>
        [.. CommitDomain, .. pk.Tr, .. session.Binding(), (byte)partyIndex];

    /// <summary>dst (K polys, plain domain) = InvNTT(Â ∘ ŷHat) for ŷHat (L polys, NTT domain).</summary>
    public static void MatrixTimes(int[][] a, ReadOnlySpan<int> yHat, Span<int> dst)
    {
        dst.Clear();
        for (var i = 0; i < MlDsa65.K; i++)
        {
            var acc = dst.Slice(i * MlDsa65.N, MlDsa65.N);
            for (var j = 0; j < MlDsa65.L; j++) Ntt.MultiplyAccumulate(a[i * MlDsa65.L + j], yHat.Slice(j * MlDsa65.N, MlDsa65.N), acc);
            Ntt.Inverse(acc);
        }
    }

    /// <summary>c̃ = H(μ ‖ w1Encode(HighBits(w)), 48) and w's decomposition into w1 / w0.</summary>
    public static byte[] Challenge(ReadOnlySpan<byte> mu, ReadOnlySpan<int> w, Span<int> w1, Span<int> w0)
    {
        for (var c = 0; c < w.Length; c++) (w1[c], w0[c]) = Rounding.Decompose(w[c]);
        Span<byte> packed = stackalloc byte[MlDsa65.K * MlDsa65.W1PolyBytes];
        for (var i = 0; i < MlDsa65.K; i++)
            BitPacking.Pack(w1.Slice(i * MlDsa65.N, MlDsa65.N), 4, packed.Slice(i * MlDsa65.W1PolyBytes, MlDsa65.W1PolyBytes));
        var h = new ShakeDigest(256);
        h.BlockUpdate(mu);
        h.BlockUpdate(packed);
        var cTilde = new byte[MlDsa65.CTildeBytes];
        h.OutputFinal(cTilde);
        return cTilde;
    }
}
