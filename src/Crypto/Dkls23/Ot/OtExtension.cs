using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using CcTsa.Crypto.P384;
using static CcTsa.Crypto.Dkls23.Dkls23Params;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// OT extension, KOS with the corrected row-wise check of Fig. 10 (not KOS15's broken Lemma 1) made
/// non-interactive by Fiat–Shamir as DKLs23 §5.1 instructs (notes §5; SoftSpokenOT with k = 1).
/// Roles are reversed w.r.t. the base OT: Bob (extension receiver, choice bits β) knows both base
/// keys k^0, k^1; Alice (extension sender) knows Δ and k^Δ. Output: Bob γ_j = α_j^{β_j}, Alice
/// (α_j^0, α_j^1), each a vector of ℓ+ρ scalars, for j &lt; ξ. Every PRG/hash is keyed by the
/// per-RVOLE sid so U from two sessions never XOR to a choice difference. Row PRG: AES-128-CTR under
/// the base-OT key from a sid-derived counter (<see cref="AesCtrPrg.Row"/>).
/// </summary>
internal static class OtExtension
{
    private const int Blocks = Xi / CheckBits;        // m = 5 challenge blocks; block m masks the check
    private const int Width = Ell + Rho;               // scalars per extended OT

    /// <summary>Bob, steps 1–2: U, x, z for choice bits <paramref name="beta"/> (ξ bits); returns γ.</summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static OteMessage Extend(OtReceiverSeeds seeds, ReadOnlySpan<byte> sid, ReadOnlySpan<byte> beta, out P384Scalar[][] gamma)
    {
        var betaP = GC.AllocateArray<byte>(RowBytes, pinned: true);
        var t0 = GC.AllocateArray<byte>(Kappa * RowBytes, pinned: true);
        var t1 = GC.AllocateArray<byte>(RowBytes, pinned: true);
        try
        {
            beta[..(Xi / 8)].CopyTo(betaP);
            RandomNumberGenerator.Fill(betaP.AsSpan(Xi / 8));              // s fresh bits mask x
            var u = new byte[OteMessage.USize];
            var iv = RowIv(sid);
            for (var i = 0; i < Kappa; i++)
            {
                var row0 = t0.AsSpan(i * RowBytes, RowBytes);
                AesCtrPrg.Row(seeds.Key0(i), iv, row0);
                AesCtrPrg.Row(seeds.Key1(i), iv, t1);
                var ui = u.AsSpan(i * RowBytes, RowBytes);
                for (var b = 0; b < RowBytes; b++) ui[b] = (byte)(row0[b] ^ t1[b] ^ betaP[b]);
            }
            var chi = Challenges(sid, u);
            var x = new byte[OteMessage.XSize];
            Gf128.Write(x, Fold(chi, betaP));
            var z = new byte[OteMessage.ZSize];
            for (var i = 0; i < Kappa; i++) Gf128.Write(z.AsSpan(i * 16, 16), Fold(chi, t0.AsSpan(i * RowBytes, RowBytes)));
            gamma = ExpandColumns(sid, t0, null);
            return new OteMessage(u, x, z);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(betaP);
            CryptographicOperations.ZeroMemory(t0);
            CryptographicOperations.ZeroMemory(t1);
        }
    }

    /// <summary>
    /// Alice, steps 3–4: Q_ι = PRG(k^{Δ_ι}) ⊕ Δ_ι·U_ι, check Σ χ_b·Q_ι[b] ⊕ Q_ι[m] = z_ι ⊕ Δ_ι·x for all ι
    /// (accumulated, compared once: no early exit). False ⇒ Bob cheated and must be banned (P1).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool Receive(OtSenderSeeds seeds, ReadOnlySpan<byte> sid, OteMessage msg, out P384Scalar[][] alpha0, out P384Scalar[][] alpha1)
    {
        alpha0 = alpha1 = [];
        if (!msg.IsWellFormed) return false;
        var q = GC.AllocateArray<byte>(Kappa * RowBytes, pinned: true);
        try
        {
            var chi = Challenges(sid, msg.U);
            var x = Gf128.Read(msg.X);
            UInt128 diff = 0;
            var iv = RowIv(sid);
            for (var i = 0; i < Kappa; i++)
            {
                var row = q.AsSpan(i * RowBytes, RowBytes);
                AesCtrPrg.Row(seeds.Key(i), iv, row);
                var d = (byte)(0 - seeds.DeltaBit(i));
                var ui = msg.U.AsSpan(i * RowBytes, RowBytes);
                for (var b = 0; b < RowBytes; b++) row[b] ^= (byte)(ui[b] & d);
                var dMask = (UInt128)0 - (UInt128)seeds.DeltaBit(i);
                diff |= Fold(chi, row) ^ Gf128.Read(msg.Z.AsSpan(i * 16, 16)) ^ (x & dMask);
            }
            if (diff != 0) return false;
            alpha0 = ExpandColumns(sid, q, null);
            alpha1 = ExpandColumns(sid, q, seeds);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(q);
        }
    }

    /// <summary>Σ_{b&lt;m} χ_b·row[b] ⊕ row[m] in GF(2^128).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static UInt128 Fold(UInt128[] chi, ReadOnlySpan<byte> row)
    {
        UInt128 acc = Gf128.Read(row.Slice(Blocks * 16, 16));
        for (var b = 0; b < Blocks; b++) acc ^= Gf128.Mul(Gf128.Read(row.Slice(b * 16, 16)), chi[b]);
        return acc;
    }

    /// <summary>χ_1..χ_m = H(sid, U): Fiat–Shamir replaces Alice's coin toss (DKLs23 §5.1).</summary>
    private static UInt128[] Challenges(ReadOnlySpan<byte> sid, ReadOnlySpan<byte> u)
    {
        using var o = new Oracle("ote/chi");
        var h = o.Add(sid).Add(u).Finish(16 * Blocks);
        var chi = new UInt128[Blocks];
        for (var b = 0; b < Blocks; b++) chi[b] = Gf128.Read(h.AsSpan(b * 16, 16));
        return chi;
    }

    /// <summary>
    /// Row ι of the matrix = AES-128-CTR(k_ι, counter from iv = H("ote/prg", sid)): every row has its
    /// own key, and two sessions under one key share a counter block only if their random 128-bit
    /// ivs lie within a row's 6 blocks of each other (≤ 11·Q²/2^129 over Q sessions, docs/SECURITY.md).
    /// </summary>
    internal static UInt128 RowIv(ReadOnlySpan<byte> sid)
    {
        using var o = new Oracle("ote/prg");
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(o.Add(sid).Finish(AesCtrPrg.IvBytes));
    }

    /// <summary>
    /// Transposes the λ_c × ξ matrix (column j = 128-bit q_j) and expands each column into ℓ+ρ
    /// scalars; with <paramref name="xorDelta"/> the column is q_j ⊕ Δ (Alice's α^1). The
    /// correlation-robust hash is BLAKE2b-512 keyed by H("ote/expand", sid) over (j, column) — four
    /// columns per call (<see cref="ColumnHash.Hash4"/>) — whose first 16 bytes key an AES-128-CTR stream (<see cref="AesCtrPrg"/>) of (ℓ+ρ)·48 bytes, each 48
    /// mapped to Z_n by <see cref="P384Scalar.UniformFrom48"/>. This is the hottest loop of a
    /// signature (ξ columns per side per RVOLE, twice for Alice), hence also the SIMD
    /// transposition (<see cref="BitMatrix"/>) and the pre-keyed hash state (<see cref="ColumnHash"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static P384Scalar[][] ExpandColumns(ReadOnlySpan<byte> sid, byte[] matrix, OtSenderSeeds? xorDelta)
    {
        var output = new P384Scalar[Xi][];
        Span<byte> key = stackalloc byte[64];
        using (var o = new Oracle("ote/expand")) o.Add(sid).Finish(key);
        var columns = GC.AllocateArray<byte>(Xi * 16, pinned: true);
        const int InputBytes = 3 + (Kappa / 8);                // j (3 bytes) ‖ column
        Span<byte> inputs = stackalloc byte[4 * InputBytes];   // four columns per ColumnHash.Hash4
        Span<byte> digests = stackalloc byte[4 * ColumnHash.OutputBytes];
        Span<byte> stream = stackalloc byte[Width * P384Scalar.Size];
        try
        {
            using var hash = new ColumnHash(key);
            BitMatrix.Transpose(matrix, Xi, columns);
            for (var j0 = 0; j0 < Xi; j0 += 4)                 // ξ = 640 is a multiple of 4
            {
                for (var k = 0; k < 4; k++)
                {
                    var j = j0 + k;
                    var input = inputs.Slice(k * InputBytes, InputBytes);
                    input[0] = (byte)(j >> 16);
                    input[1] = (byte)(j >> 8);
                    input[2] = (byte)j;
                    columns.AsSpan(j * 16, 16).CopyTo(input[3..]);
                    if (xorDelta is not null) xorDelta.XorDelta(input[3..]);
                }
                hash.Hash4(inputs, digests);
                for (var k = 0; k < 4; k++)
                {
                    AesCtrPrg.Expand(digests.Slice(k * ColumnHash.OutputBytes, AesCtrPrg.KeyBytes), stream);
                    var row = new P384Scalar[Width];
                    for (var s = 0; s < Width; s++) row[s] = P384Scalar.UniformFrom48(stream.Slice(s * P384Scalar.Size, P384Scalar.Size));
                    output[j0 + k] = row;
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(columns);
            CryptographicOperations.ZeroMemory(inputs);
            CryptographicOperations.ZeroMemory(digests);
            CryptographicOperations.ZeroMemory(stream);
            CryptographicOperations.ZeroMemory(key);
        }
        return output;
    }
}
