using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// BLAKE2b-512 keyed by one 64-byte key, for many short messages (RFC 7693; output identical to
/// libsodium's one-shot keyed crypto_generichash, which the tests compare). The chaining value
/// after the key block is computed once, so each message of ≤ 128 bytes costs one compression. The
/// compression is our own managed code since issue 15 pass 6: through libsodium each column paid a
/// state copy and two native calls around the one compression that does the work (≈ 17 % of a
/// signature in pass 5's profile); <see cref="Hash4"/> runs four columns in the lanes of AVX2
/// registers. The key is H("ote/expand", sid), public; the messages (OT columns)
/// are secret and live only in the caller's buffers and this call's locals.
/// </summary>
internal sealed class ColumnHash : IDisposable
{
    public const int OutputBytes = 64;
    public const int KeyBytes = 64;
    public const int MaxMessageBytes = Block;
    private const int Block = 128;

    private static readonly ulong[] Iv =
    [
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
    ];

    // σ_r of RFC 7693 §2.7, rounds 0–9 (rounds 10 and 11 reuse 0 and 1)
    private static ReadOnlySpan<byte> Sigma =>
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ];

    private readonly ulong[] _keyed = new ulong[8];   // chaining value after the key block
    private bool _disposed;

    public ColumnHash(ReadOnlySpan<byte> key)
    {
        if (key.Length != KeyBytes) throw new ArgumentException("Column hash key must be 64 bytes.", nameof(key));
        Iv.CopyTo(_keyed, 0);
        _keyed[0] ^= 0x01010000UL | ((ulong)KeyBytes << 8) | OutputBytes;   // fanout 1, depth 1, key and digest lengths
        Span<byte> block = stackalloc byte[Block];
        block.Clear();
        key.CopyTo(block);
        Compress(_keyed, block, Block, last: false);
        CryptographicOperations.ZeroMemory(block);
    }

    /// <summary>output (64 bytes) = BLAKE2b-512_key(message), message 1–128 bytes.</summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hash(ReadOnlySpan<byte> message, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length < OutputBytes) throw new ArgumentException("Need 64 output bytes.", nameof(output));
        if (message.IsEmpty || message.Length > MaxMessageBytes) throw new ArgumentException($"The column hash takes 1–{MaxMessageBytes} bytes, got {message.Length}.", nameof(message));
        Span<ulong> h = stackalloc ulong[8];
        _keyed.CopyTo(h);
        Span<byte> block = stackalloc byte[Block];
        block.Clear();
        message.CopyTo(block);
        Compress(h, block, (ulong)(Block + message.Length), last: true);
        for (var i = 0; i < 8; i++) BinaryPrimitives.WriteUInt64LittleEndian(output.Slice(i * 8, 8), h[i]);
        CryptographicOperations.ZeroMemory(block);
        h.Clear();
    }

    /// <summary>
    /// Four messages of one length at once (<paramref name="messages"/> = m_0 ‖ m_1 ‖ m_2 ‖ m_3,
    /// <paramref name="outputs"/> = 4 × 64 bytes): the same function as four <see cref="Hash"/> calls,
    /// with lane k of each AVX2 register holding message k's state (the columns of one OT extension
    /// are independent, so four compressions share each instruction).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hash4(ReadOnlySpan<byte> messages, Span<byte> outputs)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (messages.Length % 4 != 0) throw new ArgumentException("Hash4 takes four messages of one length.", nameof(messages));
        var length = messages.Length / 4;
        if (length == 0 || length > MaxMessageBytes) throw new ArgumentException($"The column hash takes 1–{MaxMessageBytes} bytes, got {length}.", nameof(messages));
        if (outputs.Length < 4 * OutputBytes) throw new ArgumentException("Need 4 × 64 output bytes.", nameof(outputs));
        if (!Avx2.IsSupported)
        {
            for (var k = 0; k < 4; k++) Hash(messages.Slice(k * length, length), outputs.Slice(k * OutputBytes, OutputBytes));
            return;
        }
        Span<byte> blocks = stackalloc byte[4 * Block];
        blocks.Clear();
        for (var k = 0; k < 4; k++) messages.Slice(k * length, length).CopyTo(blocks[(k * Block)..]);
        Span<Vector256<ulong>> m = stackalloc Vector256<ulong>[16];
        for (var i = 0; i < 16; i++)
            m[i] = Vector256.Create(Word(blocks, 0, i), Word(blocks, 1, i), Word(blocks, 2, i), Word(blocks, 3, i));
        Span<Vector256<ulong>> h = stackalloc Vector256<ulong>[8];
        for (var i = 0; i < 8; i++) h[i] = Vector256.Create(_keyed[i]);
        Compress4(h, m, (ulong)(Block + length));
        for (var i = 0; i < 8; i++)
            for (var k = 0; k < 4; k++) BinaryPrimitives.WriteUInt64LittleEndian(outputs.Slice((k * OutputBytes) + (i * 8), 8), h[i].GetElement(k));
        CryptographicOperations.ZeroMemory(blocks);
        m.Clear();
        h.Clear();
    }

    private static ulong Word(ReadOnlySpan<byte> blocks, int lane, int i) => BinaryPrimitives.ReadUInt64LittleEndian(blocks.Slice((lane * Block) + (i * 8), 8));

    /// <summary><see cref="Compress"/> with the final flag, on four states at once (one per 64-bit lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress4(Span<Vector256<ulong>> h, ReadOnlySpan<Vector256<ulong>> m, ulong t)
    {
        Vector256<ulong> v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        Vector256<ulong> v8 = Vector256.Create(Iv[0]), v9 = Vector256.Create(Iv[1]), v10 = Vector256.Create(Iv[2]), v11 = Vector256.Create(Iv[3]);
        Vector256<ulong> v12 = Vector256.Create(Iv[4] ^ t), v13 = Vector256.Create(Iv[5]), v14 = Vector256.Create(~Iv[6]), v15 = Vector256.Create(Iv[7]);
        var sigma = Sigma;
        for (var r = 0; r < 12; r++)
        {
            var s = sigma.Slice((r % 10) * 16, 16);
            G4(ref v0, ref v4, ref v8, ref v12, m[s[0]], m[s[1]]);
            G4(ref v1, ref v5, ref v9, ref v13, m[s[2]], m[s[3]]);
            G4(ref v2, ref v6, ref v10, ref v14, m[s[4]], m[s[5]]);
            G4(ref v3, ref v7, ref v11, ref v15, m[s[6]], m[s[7]]);
            G4(ref v0, ref v5, ref v10, ref v15, m[s[8]], m[s[9]]);
            G4(ref v1, ref v6, ref v11, ref v12, m[s[10]], m[s[11]]);
            G4(ref v2, ref v7, ref v8, ref v13, m[s[12]], m[s[13]]);
            G4(ref v3, ref v4, ref v9, ref v14, m[s[14]], m[s[15]]);
        }
        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
    }

    // byte shuffles within each 64-bit lane: rotate right by 24 and by 16 bits
    private static readonly Vector256<byte> Rot24 = Vector256.Create((byte)3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10, 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10);
    private static readonly Vector256<byte> Rot16 = Vector256.Create((byte)2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9, 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G4(ref Vector256<ulong> a, ref Vector256<ulong> b, ref Vector256<ulong> c, ref Vector256<ulong> d, Vector256<ulong> x, Vector256<ulong> y)
    {
        a += b + x;
        d = Avx2.Shuffle((d ^ a).AsUInt32(), 0b10_11_00_01).AsUInt64();        // ≫ 32: swap the halves
        c += d;
        b = Avx2.Shuffle((b ^ c).AsByte(), Rot24).AsUInt64();
        a += b + y;
        d = Avx2.Shuffle((d ^ a).AsByte(), Rot16).AsUInt64();
        c += d;
        var e = b ^ c;
        b = Avx2.ShiftRightLogical(e, 63) | (e + e);                            // ≫ 63 = ≪ 1
    }

    /// <summary>RFC 7693 F: 12 rounds over v = h ‖ IV, counter <paramref name="t"/> (&lt; 2^64 here), final flag.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Compress(Span<ulong> h, ReadOnlySpan<byte> block, ulong t, bool last)
    {
        Span<ulong> m = stackalloc ulong[16];
        for (var i = 0; i < 16; i++) m[i] = BinaryPrimitives.ReadUInt64LittleEndian(block.Slice(i * 8, 8));
        ulong v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
        ulong v8 = Iv[0], v9 = Iv[1], v10 = Iv[2], v11 = Iv[3], v12 = Iv[4] ^ t, v13 = Iv[5], v14 = last ? ~Iv[6] : Iv[6], v15 = Iv[7];
        var sigma = Sigma;
        for (var r = 0; r < 12; r++)
        {
            var s = sigma.Slice((r % 10) * 16, 16);
            G(ref v0, ref v4, ref v8, ref v12, m[s[0]], m[s[1]]);
            G(ref v1, ref v5, ref v9, ref v13, m[s[2]], m[s[3]]);
            G(ref v2, ref v6, ref v10, ref v14, m[s[4]], m[s[5]]);
            G(ref v3, ref v7, ref v11, ref v15, m[s[6]], m[s[7]]);
            G(ref v0, ref v5, ref v10, ref v15, m[s[8]], m[s[9]]);
            G(ref v1, ref v6, ref v11, ref v12, m[s[10]], m[s[11]]);
            G(ref v2, ref v7, ref v8, ref v13, m[s[12]], m[s[13]]);
            G(ref v3, ref v4, ref v9, ref v14, m[s[14]], m[s[15]]);
        }
        h[0] ^= v0 ^ v8;
        h[1] ^= v1 ^ v9;
        h[2] ^= v2 ^ v10;
        h[3] ^= v3 ^ v11;
        h[4] ^= v4 ^ v12;
        h[5] ^= v5 ^ v13;
        h[6] ^= v6 ^ v14;
        h[7] ^= v7 ^ v15;
        m.Clear();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void G(ref ulong a, ref ulong b, ref ulong c, ref ulong d, ulong x, ulong y)
    {
        a += b + x;
        d = BitOperations.RotateRight(d ^ a, 32);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 24);
        a += b + y;
        d = BitOperations.RotateRight(d ^ a, 16);
        c += d;
        b = BitOperations.RotateRight(b ^ c, 63);
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        Array.Clear(_keyed);
    }

    public override string ToString() => "ColumnHash([redacted])";
}
