using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// The PRG that stretches one OT-extension column digest into its ℓ+ρ pads: AES-128 in counter mode
/// (block i = AES_k(i as a 128-bit little-endian integer), i = 0, 1, …) under a 16-byte key that is
/// itself a fresh correlation-robust hash output, unique per column and session. It replaced ChaCha20
/// through libsodium, whose per-call set-up cost more than the 144 bytes it made (≈ 6 % of a
/// signature): with AES-NI the key schedule and the 9 blocks are ~200 cycles. Without AES-NI the
/// same blocks come from .NET's <see cref="Aes"/> (ECB over the counter blocks): identical output,
/// slower. AES-128 as a PRG keyed by a uniform 128-bit key gives the λ_c = 128 bits we ask of it.
/// </summary>
internal static class AesCtrPrg
{
    public const int KeyBytes = 16;

    public static void Expand(ReadOnlySpan<byte> key, Span<byte> output)
    {
        if (key.Length != KeyBytes) throw new ArgumentException("The pad PRG takes a 16-byte key.", nameof(key));
        if (output.Length % 16 != 0) throw new ArgumentException("The pad PRG makes whole 16-byte blocks.", nameof(output));
        if (System.Runtime.Intrinsics.X86.Aes.IsSupported) ExpandAesNi(key, output);
        else ExpandPortable(key, output);
    }

    /// <summary>The reference path (and the one on CPUs without AES-NI): .NET's AES over the counter blocks.</summary>
    internal static void ExpandPortable(ReadOnlySpan<byte> key, Span<byte> output)
    {
        var counters = new byte[output.Length];
        for (var i = 0; i < output.Length / 16; i++) BinaryPrimitives.WriteUInt64LittleEndian(counters.AsSpan(i * 16), (ulong)i);
        using var aes = System.Security.Cryptography.Aes.Create();
        aes.Key = key.ToArray();
        aes.EncryptEcb(counters, output, PaddingMode.None);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ExpandAesNi(ReadOnlySpan<byte> key, Span<byte> output)
    {
        var k0 = Vector128.Create(key);
        var k1 = Next(k0, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k0, 0x01));
        var k2 = Next(k1, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k1, 0x02));
        var k3 = Next(k2, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k2, 0x04));
        var k4 = Next(k3, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k3, 0x08));
        var k5 = Next(k4, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k4, 0x10));
        var k6 = Next(k5, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k5, 0x20));
        var k7 = Next(k6, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k6, 0x40));
        var k8 = Next(k7, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k7, 0x80));
        var k9 = Next(k8, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k8, 0x1B));
        var k10 = Next(k9, System.Runtime.Intrinsics.X86.Aes.KeygenAssist(k9, 0x36));
        for (var i = 0; i < output.Length / 16; i++)
        {
            var x = Vector128.Create((ulong)i, 0UL).AsByte() ^ k0;
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k1);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k2);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k3);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k4);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k5);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k6);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k7);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k8);
            x = System.Runtime.Intrinsics.X86.Aes.Encrypt(x, k9);
            x = System.Runtime.Intrinsics.X86.Aes.EncryptLast(x, k10);
            x.CopyTo(output.Slice(i * 16, 16));
        }
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
