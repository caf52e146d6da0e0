using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;
using System.Text;

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
    internal static int Unpack23(ReadOnlySpan<byte> src, Span<int> poly) => Unpack23(src, poly, Avx2.IsSupported);

    /// <summary>As above; <paramref name="vector"/> false forces the scalar loop (the fallback, and the tests' reference).</summary>
    internal static int Unpack23(ReadOnlySpan<byte> src, Span<int> poly, bool vector)
    {
        const int mask = (1 << 23) - 1;
        if (src.Length != MlDsa65.FullPolyBytes || poly.Length != MlDsa65.N)
            throw new ArgumentException($"Unpack23 takes {MlDsa65.FullPolyBytes} bytes into {MlDsa65.N} values, not {src.Length} into {poly.Length}.", nameof(src));
        var bad = 0;
        var k = 0;
        if (vector)
        {
            // Eight values (23 bytes) per step: each 128-bit half gathers four 32-bit windows with
            // one byte shuffle (values 0–3 from byte 0, 4–7 from byte 8 of the group), then a
            // per-lane shift. The last group is left to the scalar loop: its upper load would pass
            // the end of the polynomial by one byte.
            ref var s = ref MemoryMarshal.GetReference(src);
            ref var d = ref MemoryMarshal.GetReference(poly);
            var windows = Vector256.Create((byte)0, 1, 2, 3, 2, 3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11, 3, 4, 5, 6, 6, 7, 8, 9, 9, 10, 11, 12, 12, 13, 14, 15);
            var shifts = Vector256.Create(0u, 7, 6, 5, 4, 3, 2, 1);
            var m = Vector256.Create(mask);
            var top = Vector256.Create(MlDsa65.Q - 1);
            var acc = Vector256<int>.Zero;
            for (; k + 8 < MlDsa65.N; k += 8)
            {
                var at = (nuint)(k / 8 * 23);
                var bytes = Vector256.Create(Vector128.LoadUnsafe(ref s, at), Vector128.LoadUnsafe(ref s, at + 8));
                var v = Avx2.ShiftRightLogicalVariable(Avx2.Shuffle(bytes, windows).AsUInt32(), shifts).AsInt32() & m;
                v.StoreUnsafe(ref d, (nuint)k);
                acc |= top - v;
            }
            bad = (int)(Avx2.MoveMask(acc.AsSingle()) & 0xFF);
        }
        for (; k < MlDsa65.N; k++)
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
        // μ ‖ w1Encode in one buffer, one OpenSSL SHAKE256 call: BouncyCastle's managed Keccak over
        // these 832 bytes, once per slot and party, was a few per cent of a run.
        Span<byte> input = stackalloc byte[mu.Length + MlDsa65.K * MlDsa65.W1PolyBytes];
        mu.CopyTo(input);
        var packed = input[mu.Length..];
        for (var i = 0; i < MlDsa65.K; i++)
            BitPacking.Pack(w1.Slice(i * MlDsa65.N, MlDsa65.N), 4, packed.Slice(i * MlDsa65.W1PolyBytes, MlDsa65.W1PolyBytes));
        return Shake256.HashData(input, MlDsa65.CTildeBytes);
    }
}
