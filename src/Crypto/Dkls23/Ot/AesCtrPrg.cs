using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// The OT extension's PRG: AES-128 in counter mode, block i = AES_k(iv + i mod 2^128, as a 128-bit
/// little-endian integer), i = 0, 1, …. Two users. (1) Each column digest → its ℓ+ρ pads (iv = 0:
/// the key is itself a fresh correlation-robust hash output, unique per column and session); it
/// replaced ChaCha20 through libsodium, whose per-call set-up cost more than the 144 bytes it made.
/// (2) Each matrix row (<see cref="Row"/>): keyed by the base-OT key, iv = H(sid), so two sessions
/// never share a keystream; it replaced XChaCha20 (issue 15 pass 6). With AES-NI the key schedule
/// and 6–9 blocks (four in flight) are a few hundred cycles. Without AES-NI the same blocks come from
/// .NET's <see cref="Aes"/> (ECB over the counter blocks): identical output, slower. AES-128 as a
/// PRG/PRF keyed by a uniform 128-bit key gives the λ_c = 128 bits we ask of it.
/// </summary>
internal static class AesCtrPrg
{
    public const int KeyBytes = 16;
    public const int IvBytes = 16;

    /// <summary>Pads: counter from 0.</summary>
    public static void Expand(ReadOnlySpan<byte> key, Span<byte> output) => Expand(key, UInt128.Zero, output);

    /// <summary>
    /// Row ι of the extension matrix: AES-CTR under the first 16 bytes of the (uniform, 32-byte)
    /// base-OT key k_ι, counter from <paramref name="iv"/> = the session's H("ote/prg", sid).
    /// </summary>
    public static void Row(ReadOnlySpan<byte> baseOtKey, UInt128 iv, Span<byte> output)
    {
        if (baseOtKey.Length != BaseOt.KeyBytes) throw new ArgumentException($"The row PRG takes a {BaseOt.KeyBytes}-byte base-OT key.", nameof(baseOtKey));
        Expand(baseOtKey[..KeyBytes], iv, output);
    }

    public static void Expand(ReadOnlySpan<byte> key, UInt128 iv, Span<byte> output)
    {
        if (key.Length != KeyBytes) throw new ArgumentException("The AES-CTR PRG takes a 16-byte key.", nameof(key));
        if (output.Length % 16 != 0) throw new ArgumentException("The AES-CTR PRG makes whole 16-byte blocks.", nameof(output));
        if (System.Runtime.Intrinsics.X86.Aes.IsSupported) ExpandAesNi(key, iv, output);
        else ExpandPortable(key, iv, output);
    }

    /// <summary>The reference path (and the one on CPUs without AES-NI): .NET's AES over the counter blocks.</summary>
    internal static void ExpandPortable(ReadOnlySpan<byte> key, UInt128 iv, Span<byte> output)
    {
        var counters = new byte[output.Length];
        for (var i = 0; i < output.Length / 16; i++) BinaryPrimitives.WriteUInt128LittleEndian(counters.AsSpan(i * 16), iv + (UInt128)i);
        using var aes = System.Security.Cryptography.Aes.Create();
        var k = key.ToArray();
        aes.Key = k;
        aes.EncryptEcb(counters, output, PaddingMode.None);
        CryptographicOperations.ZeroMemory(k);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpandAesNi(ReadOnlySpan<byte> key, UInt128 iv, Span<byte> output)
    {
        Span<Vector128<byte>> rk = stackalloc Vector128<byte>[11];
        rk[0] = Vector128.Create(key);
        rk[1] = Next(rk[0], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[0], 0x01));
        rk[2] = Next(rk[1], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[1], 0x02));
        rk[3] = Next(rk[2], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[2], 0x04));
        rk[4] = Next(rk[3], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[3], 0x08));
        rk[5] = Next(rk[4], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[4], 0x10));
        rk[6] = Next(rk[5], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[5], 0x20));
        rk[7] = Next(rk[6], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[6], 0x40));
        rk[8] = Next(rk[7], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[7], 0x80));
        rk[9] = Next(rk[8], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[8], 0x1B));
        rk[10] = Next(rk[9], System.Runtime.Intrinsics.X86.Aes.KeygenAssist(rk[9], 0x36));
        var blocks = output.Length / 16;
        var i = 0;
        // four independent blocks per round: AESENC has a latency of ~4 cycles but a throughput of ~1,
        // so one block at a time leaves the unit idle three cycles in four
        for (; i + 4 <= blocks; i += 4)
        {
            var x0 = Counter(iv, i) ^ rk[0];
            var x1 = Counter(iv, i + 1) ^ rk[0];
            var x2 = Counter(iv, i + 2) ^ rk[0];
            var x3 = Counter(iv, i + 3) ^ rk[0];
            for (var r = 1; r < 10; r++)
            {
                var k = rk[r];
                x0 = System.Runtime.Intrinsics.X86.Aes.Encrypt(x0, k);
                x1 = System.Runtime.Intrinsics.X86.Aes.Encrypt(x1, k);
                x2 = System.Runtime.Intrinsics.X86.Aes.Encrypt(x2, k);
                x3 = System.Runtime.Intrinsics.X86.Aes.Encrypt(x3, k);
            }
            System.Runtime.Intrinsics.X86.Aes.EncryptLast(x0, rk[10]).CopyTo(output.Slice(i * 16, 16));
            System.Runtime.Intrinsics.X86.Aes.EncryptLast(x1, rk[10]).CopyTo(output.Slice((i + 1) * 16, 16));
            System.Runtime.Intrinsics.X86.Aes.EncryptLast(x2, rk[10]).CopyTo(output.Slice((i + 2) * 16, 16));
            System.Runtime.Intrinsics.X86.Aes.EncryptLast(x3, rk[10]).CopyTo(output.Slice((i + 3) * 16, 16));
        }
        for (; i < blocks; i++)
        {
            var x = Counter(iv, i) ^ rk[0];
            for (var r = 1; r < 10; r++) x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, rk[r]);
            System.Runtime.Intrinsics.X86.Aes.EncryptLast(x, rk[10]).CopyTo(output.Slice(i * 16, 16));
        }
        rk.Clear();   // the round keys are the key
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Counter(UInt128 iv, int i)
    {
        var c = iv + (UInt128)(uint)i;
        return Vector128.Create((ulong)c, (ulong)(c >> 64)).AsByte();
    }

    /// <summary>One AES-128 key-schedule step: w ^= w≪32 ^ w≪64 ^ w≪96, then ^= the broadcast SubWord/RotWord/rcon word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Next(Vector128<byte> k, Vector128<byte> assist)
    {
        var t = Sse2.Shuffle(assist.AsUInt32(), 0xFF).AsByte();
        k ^= Sse2.ShiftLeftLogical128BitLane(k, 4);
        k ^= Sse2.ShiftLeftLogical128BitLane(k, 4);
        k ^= Sse2.ShiftLeftLogical128BitLane(k, 4);
        return k ^ t;
    }
}
