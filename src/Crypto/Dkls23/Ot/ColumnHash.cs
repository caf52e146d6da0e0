using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// BLAKE2b-512 keyed by one 64-byte key, for many short messages (RFC 7693; output identical to
/// libsodium's one-shot keyed crypto_generichash, which the tests compare). The chaining value
/// after the key block is computed once, so each message of ≤ 128 bytes costs one compression. The
/// compression is our own managed code since issue 15 pass 6: through libsodium each column paid a
/// state copy and two native calls around the one compression that does the work (≈ 17 % of a
/// signature in pass 5's profile). The key is H("ote/expand", sid), public; the messages (OT columns)
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
