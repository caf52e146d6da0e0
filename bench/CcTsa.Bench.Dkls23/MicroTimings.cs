using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.P384;
using P384 = CcTsa.Crypto.P384;

namespace CcTsa.Bench.Dkls23;

/// <summary>Primitive costs inside OT extension / RVOLE (per call).</summary>
internal static class MicroTimings
{
    public static void Run()
    {
        var sid = RandomNumberGenerator.GetBytes(32);
        var col = RandomNumberGenerator.GetBytes(16);
        var wide = RandomNumberGenerator.GetBytes(64);
        UInt128 a = 12345, b = 67890;
        for (var k = 0; k < 2; k++)
        {
            Console.WriteLine($"expand (oracle, 5 scalars): {GroupComparison.Time(2000, () => { using var o = new Oracle("ote/expand"); o.Add(sid).Add(7).Add(col).FinishScalars(5); }) * 1000:F1} µs");
            Console.WriteLine($"oracle 320 bytes only: {GroupComparison.Time(2000, () => { using var o = new Oracle("ote/expand"); o.Add(sid).Add(7).Add(col).Finish(320); }) * 1000:F1} µs");
            Console.WriteLine($"Shake256.HashData 80->320: {GroupComparison.Time(2000, () => Shake256.HashData(wide, 320)) * 1000:F1} µs");
            var xs = P384Scalar.Random();
            var ys = P384Scalar.Random();
            var raw = new P384.U384(1, 2, 3, 4, 5, 6);
            Console.WriteLine($"Mont384.Mul loop 1M: {GroupComparison.Time(1, () => { for (var q = 0; q < 1_000_000; q++) CcTsa.Crypto.P384.ScalarField.Mul(raw, raw, out raw); }) * 1000 / 1e6:F3} µs");
            Console.WriteLine($"mul: {GroupComparison.Time(100000, () => xs = xs * ys) * 1000:F2} µs; add: {GroupComparison.Time(100000, () => xs = xs + ys) * 1000:F2} µs; decode: {GroupComparison.Time(100000, () => P384Scalar.TryDecode(wide.AsSpan(0, 48), out xs)) * 1000:F2} µs");
            Console.WriteLine($"FromWide: {GroupComparison.Time(20000, () => P384Scalar.FromWide(wide)) * 1000:F2} µs");
            Console.WriteLine($"Gadget.Derive (640 scalars): {GroupComparison.Time(20, () => CcTsa.Crypto.Dkls23.Mul.Gadget.Derive(sid)):F2} ms");
            var ids = (CcTsa.Crypto.Sharing.ParticipantId.FromIndex(1), CcTsa.Crypto.Sharing.ParticipantId.FromIndex(2));
            Console.WriteLine($"Pairwise setup, one pair both sides: {GroupComparison.Time(5, () =>
            {
                var (sa, ma) = CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Round1(sid, ids.Item1, ids.Item2);
                var (sb, mb) = CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Round1(sid, ids.Item2, ids.Item1);
                var ra = CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Round2(sa, mb).Value;
                var rb = CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Round2(sb, ma).Value;
                CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Finish(sa, rb).Value.Dispose();
                CcTsa.Crypto.Dkls23.Setup.PairwiseSetup.Finish(sb, ra).Value.Dispose();
            }):F2} ms");
            var fz = raw;
            var (pm, pInv) = (P384.BaseField.P, P384.ScalarField.NegInverse(P384.BaseField.P.L0));
            var fm = raw;
            // alternated five times, the fastest of each: one 1M loop is ~0.1 s, short enough for a neighbour's burst to hit one side only
            double special = double.MaxValue, montgomery = double.MaxValue;
            for (var rep = 0; rep < 5; rep++)
            {
                special = Math.Min(special, GroupComparison.Time(1, () => { for (var q = 0; q < 1_000_000; q++) P384.BaseField.Mul(fz, fz, out fz); }) * 1000 / 1e6);
                montgomery = Math.Min(montgomery, GroupComparison.Time(1, () => { for (var q = 0; q < 1_000_000; q++) P384.Mont384.Mul(fm, fm, pm, pInv, out fm); }) * 1000 / 1e6);
            }
            Console.WriteLine($"P-384 field mul loop 1M, fastest of 5: special form (BaseField) {special:F3} µs, Montgomery mod p {montgomery:F3} µs, ratio {montgomery / special:F2}");
            Console.WriteLine($"P-384 field: mul {GroupComparison.Time(100000, () => P384.BaseField.Mul(fz, fz, out fz)) * 1000:F3} µs, Fermat inverse {GroupComparison.Time(2000, () => P384.BaseField.Invert(fz)) * 1000:F1} µs, blinded inverse {GroupComparison.Time(2000, () => P384.BaseField.InvertBlinded(fz)) * 1000:F1} µs");
            Console.WriteLine($"Gf128.Mul: {GroupComparison.Time(20000, () => a = Gf128.Mul(a, b)) * 1000:F2} µs");
            RowPrg();
            ColumnHashes();
        }
    }

    /// <summary>
    /// One RVOLE's row keystreams (Bob 2·128 rows + Alice 128, 96 bytes each): AES-128-CTR (now) beside
    /// libsodium's XChaCha20 (before issue 15 pass 6) in the same process, alternated, fastest of 5.
    /// </summary>
    private static unsafe void RowPrg()
    {
        const int Rows = 3 * Dkls23Params.Kappa, Reps = 200;
        var keys = RandomNumberGenerator.GetBytes(Rows * 32);
        var nonce = RandomNumberGenerator.GetBytes(LibsodiumXChaCha20.NonceBytes);
        var iv = CcTsa.Crypto.Dkls23.Ot.OtExtension.RowIv(nonce);
        var row = new byte[Dkls23Params.RowBytes];
        CcTsa.Crypto.Native.Sodium.EnsureInitialized();
        double aes = double.MaxValue, chacha = double.MaxValue;
        for (var rep = 0; rep < 5; rep++)
        {
            aes = Math.Min(aes, GroupComparison.Time(Reps, () =>
            {
                for (var r = 0; r < Rows; r++) CcTsa.Crypto.Dkls23.Ot.AesCtrPrg.Row(keys.AsSpan(r * 32, 32), iv, row);
            }));
            chacha = Math.Min(chacha, GroupComparison.Time(Reps, () =>
            {
                fixed (byte* o = row)
                fixed (byte* n = nonce)
                fixed (byte* k = keys)
                    for (var r = 0; r < Rows; r++) LibsodiumXChaCha20.crypto_stream_xchacha20(o, (ulong)row.Length, n, k + (r * 32));
            }));
        }
        Console.WriteLine($"row PRG, one RVOLE ({Rows} rows × {Dkls23Params.RowBytes} B), fastest of 5 × {Reps}: AES-128-CTR {aes * 1000:F1} µs, XChaCha20 {chacha * 1000:F1} µs, ratio {chacha / aes:F2}");
    }

    /// <summary>
    /// One RVOLE's column hashes (1,920 keyed BLAKE2b-512 of 19 bytes): our compression (now) beside
    /// libsodium's pre-keyed state copy + update + final (before issue 15 pass 6), same process,
    /// alternated, fastest of 5.
    /// </summary>
    private static unsafe void ColumnHashes()
    {
        const int Columns = 3 * Dkls23Params.Xi, Reps = 100;
        var key = RandomNumberGenerator.GetBytes(64);
        var msg = RandomNumberGenerator.GetBytes(19);
        var digest = new byte[64];
        var stateBytes = CcTsa.Crypto.Native.Libsodium.crypto_generichash_statebytes();
        var keyed = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(stateBytes, 64);
        var work = (byte*)System.Runtime.InteropServices.NativeMemory.AlignedAlloc(stateBytes, 64);
        fixed (byte* k = key) CcTsa.Crypto.Native.Libsodium.crypto_generichash_init(keyed, k, 64, 64);
        using var ours = new CcTsa.Crypto.Dkls23.Ot.ColumnHash(key);
        var msgs4 = RandomNumberGenerator.GetBytes(4 * 19);
        var digests4 = new byte[4 * 64];
        double managed = double.MaxValue, lanes = double.MaxValue, sodium = double.MaxValue;
        for (var rep = 0; rep < 5; rep++)
        {
            managed = Math.Min(managed, GroupComparison.Time(Reps, () => { for (var c = 0; c < Columns; c++) ours.Hash(msg, digest); }));
            lanes = Math.Min(lanes, GroupComparison.Time(Reps, () => { for (var c = 0; c < Columns; c += 4) ours.Hash4(msgs4, digests4); }));
            sodium = Math.Min(sodium, GroupComparison.Time(Reps, () =>
            {
                fixed (byte* m = msg)
                fixed (byte* o = digest)
                    for (var c = 0; c < Columns; c++)
                    {
                        Buffer.MemoryCopy(keyed, work, (long)stateBytes, (long)stateBytes);
                        CcTsa.Crypto.Native.Libsodium.crypto_generichash_update(work, m, (ulong)msg.Length);
                        CcTsa.Crypto.Native.Libsodium.crypto_generichash_final(work, o, 64);
                    }
            }));
        }
        System.Runtime.InteropServices.NativeMemory.AlignedFree(keyed);
        System.Runtime.InteropServices.NativeMemory.AlignedFree(work);
        Console.WriteLine($"column hashes, one RVOLE ({Columns} × keyed BLAKE2b-512 of 19 B), fastest of 5 × {Reps}: ours four lanes (AVX2) {lanes * 1000:F1} µs, ours one at a time {managed * 1000:F1} µs, libsodium pre-keyed {sodium * 1000:F1} µs, libsodium/four lanes {sodium / lanes:F2}");
    }
}
