using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CcTsa.Crypto.MlDsa;

/// <summary>
/// Four SHAKE256 computations at once: Keccak-f[1600] on Vector256&lt;ulong&gt; lanes, one lane
/// per stream, so one permutation serves four hyperball streams where OpenSSL runs four. The
/// output is byte for byte SHAKE256 of each input (FIPS 202; <c>Shake256x4Tests</c> compares it
/// with OpenSSL's). AVX2 only; callers fall back to <see cref="System.Security.Cryptography.Shake256"/>.
/// The state lives in caller-provided memory (the signers' sodium scratch) and is wiped on return;
/// the permutation's working values are ~50 vectors, more than the 16 registers, so the JIT spills
/// some to the stack, which is not wiped — as for every managed computation over these secrets.
/// </summary>
internal static class Shake256x4
{
    public const int Rate = 136;
    public const int StateLanes = 25;
    private const int RateWords = Rate / 8;

    private static ReadOnlySpan<ulong> RoundConstants =>
    [
        0x0000000000000001UL, 0x0000000000008082UL, 0x800000000000808AUL, 0x8000000080008000UL,
        0x000000000000808BUL, 0x0000000080000001UL, 0x8000000080008081UL, 0x8000000000008009UL,
        0x000000000000008AUL, 0x0000000000000088UL, 0x0000000080008009UL, 0x000000008000000AUL,
        0x000000008000808BUL, 0x800000000000008BUL, 0x8000000000008089UL, 0x8000000000008003UL,
        0x8000000000008002UL, 0x8000000000000080UL, 0x000000000000800AUL, 0x800000008000000AUL,
        0x8000000080008081UL, 0x8000000000008080UL, 0x0000000080000001UL, 0x8000000080008008UL,
    ];

    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>
    /// out_k = SHAKE256(in_k) for k = 0..3. The four inputs have one length and the four outputs
    /// another; an output may be passed twice (with equal inputs) to run fewer than four streams.
    /// </summary>
    public static void HashData(ReadOnlySpan<byte> in0, ReadOnlySpan<byte> in1, ReadOnlySpan<byte> in2, ReadOnlySpan<byte> in3,
        Span<byte> out0, Span<byte> out1, Span<byte> out2, Span<byte> out3, Span<Vector256<ulong>> state) =>
        HashData(in0, in1, in2, in3, out0, out1, out2, out3, state, Avx512F.VL.IsSupported);

    /// <summary>As above; <paramref name="avx512"/> false forces the AVX2 permutation (the tests run both).</summary>
    internal static void HashData(ReadOnlySpan<byte> in0, ReadOnlySpan<byte> in1, ReadOnlySpan<byte> in2, ReadOnlySpan<byte> in3,
        Span<byte> out0, Span<byte> out1, Span<byte> out2, Span<byte> out3, Span<Vector256<ulong>> state, bool avx512)
    {
        if (avx512) HashData<Avx512Lanes>(in0, in1, in2, in3, out0, out1, out2, out3, state);
        else HashData<Avx2Lanes>(in0, in1, in2, in3, out0, out1, out2, out3, state);
    }

    private static void HashData<T>(ReadOnlySpan<byte> in0, ReadOnlySpan<byte> in1, ReadOnlySpan<byte> in2, ReadOnlySpan<byte> in3,
        Span<byte> out0, Span<byte> out1, Span<byte> out2, Span<byte> out3, Span<Vector256<ulong>> state) where T : struct, IKeccakLanes
    {
        if (!IsSupported) throw new PlatformNotSupportedException("Shake256x4 needs AVX2; use Shake256 per stream.");
        var n = in0.Length;
        if (in1.Length != n || in2.Length != n || in3.Length != n)
            throw new ArgumentException($"Shake256x4 inputs must have one length (got {n}, {in1.Length}, {in2.Length}, {in3.Length}).", nameof(in1));
        var m = out0.Length;
        if (out1.Length != m || out2.Length != m || out3.Length != m)
            throw new ArgumentException($"Shake256x4 outputs must have one length (got {m}, {out1.Length}, {out2.Length}, {out3.Length}).", nameof(out1));
        if (state.Length != StateLanes) throw new ArgumentException($"Keccak state must be {StateLanes} lanes, not {state.Length}.", nameof(state));
        state.Clear();
        try
        {
            var off = 0;
            for (; n - off >= Rate; off += Rate)
            {
                for (var w = 0; w < RateWords; w++)
                {
                    var at = off + 8 * w;
                    state[w] ^= Vector256.Create(Word(in0, at), Word(in1, at), Word(in2, at), Word(in3, at));
                }
                Permute<T>(state);
            }
            // Last (partial or empty) block with the SHAKE padding 0x1F … 0x80, built word by word so
            // no padded copy of a secret input is left behind.
            for (var w = 0; w < RateWords; w++)
            {
                var at = 8 * w;
                state[w] ^= Vector256.Create(TailWord(in0[off..], at), TailWord(in1[off..], at), TailWord(in2[off..], at), TailWord(in3[off..], at));
            }
            Permute<T>(state);
            for (var pos = 0; ; )
            {
                for (var w = 0; w < RateWords && pos < m; w++, pos += 8)
                {
                    var v = state[w];
                    Put(out0, pos, v.GetElement(0));
                    Put(out1, pos, v.GetElement(1));
                    Put(out2, pos, v.GetElement(2));
                    Put(out3, pos, v.GetElement(3));
                }
                if (pos >= m) break;
                Permute<T>(state);
            }
        }
        finally
        {
            state.Clear();
        }
    }

    private static ulong Word(ReadOnlySpan<byte> input, int at) => BinaryPrimitives.ReadUInt64LittleEndian(input.Slice(at, 8));

    /// <summary>Word <paramref name="at"/>/8 of the padded last block holding <paramref name="tail"/> (&lt; Rate bytes).</summary>
    private static ulong TailWord(ReadOnlySpan<byte> tail, int at)
    {
        ulong v = 0;
        for (var b = 0; b < 8; b++)
        {
            var p = at + b;
            ulong x = p < tail.Length ? tail[p] : p == tail.Length ? 0x1FUL : 0UL;
            if (p == Rate - 1) x |= 0x80;
            v |= x << (8 * b);
        }
        return v;
    }

    private static void Put(Span<byte> output, int pos, ulong v)
    {
        if (output.Length - pos >= 8)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(output[pos..], v);
            return;
        }
        for (var b = 0; pos + b < output.Length; b++) output[pos + b] = (byte)(v >> (8 * b));
    }

    /// <summary>Keccak-f[1600], 24 rounds, θ ρ π χ ι unrolled over the 25 lanes (generated; lane i = x + 5y).</summary>
    private static void Permute<T>(Span<Vector256<ulong>> s) where T : struct, IKeccakLanes
    {
        var a00 = s[0];
        var a01 = s[1];
        var a02 = s[2];
        var a03 = s[3];
        var a04 = s[4];
        var a05 = s[5];
        var a06 = s[6];
        var a07 = s[7];
        var a08 = s[8];
        var a09 = s[9];
        var a10 = s[10];
        var a11 = s[11];
        var a12 = s[12];
        var a13 = s[13];
        var a14 = s[14];
        var a15 = s[15];
        var a16 = s[16];
        var a17 = s[17];
        var a18 = s[18];
        var a19 = s[19];
        var a20 = s[20];
        var a21 = s[21];
        var a22 = s[22];
        var a23 = s[23];
        var a24 = s[24];
        for (var round = 0; round < 24; round++)
        {
            var c0 = T.Xor5(a00, a05, a10, a15, a20);
            var c1 = T.Xor5(a01, a06, a11, a16, a21);
            var c2 = T.Xor5(a02, a07, a12, a17, a22);
            var c3 = T.Xor5(a03, a08, a13, a18, a23);
            var c4 = T.Xor5(a04, a09, a14, a19, a24);
            var d0 = c4 ^ T.Rol(c1, 1);
            var d1 = c0 ^ T.Rol(c2, 1);
            var d2 = c1 ^ T.Rol(c3, 1);
            var d3 = c2 ^ T.Rol(c4, 1);
            var d4 = c3 ^ T.Rol(c0, 1);
            var b00 = (a00 ^ d0);
            var b01 = T.Rol(a06 ^ d1, 44);
            var b02 = T.Rol(a12 ^ d2, 43);
            var b03 = T.Rol(a18 ^ d3, 21);
            var b04 = T.Rol(a24 ^ d4, 14);
            var b05 = T.Rol(a03 ^ d3, 28);
            var b06 = T.Rol(a09 ^ d4, 20);
            var b07 = T.Rol(a10 ^ d0, 3);
            var b08 = T.Rol(a16 ^ d1, 45);
            var b09 = T.Rol(a22 ^ d2, 61);
            var b10 = T.Rol(a01 ^ d1, 1);
            var b11 = T.Rol(a07 ^ d2, 6);
            var b12 = T.Rol(a13 ^ d3, 25);
            var b13 = T.Rol(a19 ^ d4, 8);
            var b14 = T.Rol(a20 ^ d0, 18);
            var b15 = T.Rol(a04 ^ d4, 27);
            var b16 = T.Rol(a05 ^ d0, 36);
            var b17 = T.Rol(a11 ^ d1, 10);
            var b18 = T.Rol(a17 ^ d2, 15);
            var b19 = T.Rol(a23 ^ d3, 56);
            var b20 = T.Rol(a02 ^ d2, 62);
            var b21 = T.Rol(a08 ^ d3, 55);
            var b22 = T.Rol(a14 ^ d4, 39);
            var b23 = T.Rol(a15 ^ d0, 41);
            var b24 = T.Rol(a21 ^ d1, 2);
            a00 = T.Chi(b00, b01, b02);
            a01 = T.Chi(b01, b02, b03);
            a02 = T.Chi(b02, b03, b04);
            a03 = T.Chi(b03, b04, b00);
            a04 = T.Chi(b04, b00, b01);
            a05 = T.Chi(b05, b06, b07);
            a06 = T.Chi(b06, b07, b08);
            a07 = T.Chi(b07, b08, b09);
            a08 = T.Chi(b08, b09, b05);
            a09 = T.Chi(b09, b05, b06);
            a10 = T.Chi(b10, b11, b12);
            a11 = T.Chi(b11, b12, b13);
            a12 = T.Chi(b12, b13, b14);
            a13 = T.Chi(b13, b14, b10);
            a14 = T.Chi(b14, b10, b11);
            a15 = T.Chi(b15, b16, b17);
            a16 = T.Chi(b16, b17, b18);
            a17 = T.Chi(b17, b18, b19);
            a18 = T.Chi(b18, b19, b15);
            a19 = T.Chi(b19, b15, b16);
            a20 = T.Chi(b20, b21, b22);
            a21 = T.Chi(b21, b22, b23);
            a22 = T.Chi(b22, b23, b24);
            a23 = T.Chi(b23, b24, b20);
            a24 = T.Chi(b24, b20, b21);
            a00 ^= Vector256.Create(RoundConstants[round]);

        }
        s[0] = a00;
        s[1] = a01;
        s[2] = a02;
        s[3] = a03;
        s[4] = a04;
        s[5] = a05;
        s[6] = a06;
        s[7] = a07;
        s[8] = a08;
        s[9] = a09;
        s[10] = a10;
        s[11] = a11;
        s[12] = a12;
        s[13] = a13;
        s[14] = a14;
        s[15] = a15;
        s[16] = a16;
        s[17] = a17;
        s[18] = a18;
        s[19] = a19;
        s[20] = a20;
        s[21] = a21;
        s[22] = a22;
        s[23] = a23;
        s[24] = a24;
    }
}
