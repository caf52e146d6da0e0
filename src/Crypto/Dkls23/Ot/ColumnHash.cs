using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// BLAKE2b-512 keyed by one 64-byte key, for many short messages: the keyed state (key block already
/// compressed) is made once and copied per message, so each 64-byte output costs one compression
/// instead of two. Output is identical to the one-shot keyed crypto_generichash. The working state
/// holds the last (secret) message: overwritten by the next call, wiped on Dispose.
/// </summary>
internal sealed unsafe class ColumnHash : IDisposable
{
    public const int OutputBytes = 64;

    private static readonly nuint StateBytes = StateSize();

    private readonly byte* _keyed;
    private readonly byte* _work;
    private bool _disposed;

    public ColumnHash(ReadOnlySpan<byte> key)
    {
        if (key.Length != Libsodium.crypto_generichash_KEYBYTES_MAX) throw new ArgumentException("Column hash key must be 64 bytes.", nameof(key));
        _keyed = (byte*)NativeMemory.AlignedAlloc(StateBytes, 64);
        _work = (byte*)NativeMemory.AlignedAlloc(StateBytes, 64);
        fixed (byte* k = key)
            if (Libsodium.crypto_generichash_init(_keyed, k, (nuint)key.Length, OutputBytes) != 0)
                throw new CryptographicException("crypto_generichash_init failed.");
    }

    /// <summary>output (64 bytes) = BLAKE2b-512_key(message).</summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Hash(ReadOnlySpan<byte> message, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (output.Length < OutputBytes) throw new ArgumentException("Need 64 output bytes.", nameof(output));
        Buffer.MemoryCopy(_keyed, _work, (long)StateBytes, (long)StateBytes);
        fixed (byte* m = message)
        fixed (byte* o = output)
        {
            if (Libsodium.crypto_generichash_update(_work, m, (ulong)message.Length) != 0
                || Libsodium.crypto_generichash_final(_work, o, OutputBytes) != 0)
                throw new CryptographicException("crypto_generichash update/final failed.");
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        NativeMemory.Clear(_work, StateBytes);
        NativeMemory.Clear(_keyed, StateBytes);
        NativeMemory.AlignedFree(_work);
        NativeMemory.AlignedFree(_keyed);
    }

    private static nuint StateSize()
    {
        Sodium.EnsureInitialized();
        return Libsodium.crypto_generichash_statebytes();
    }

    public override string ToString() => "ColumnHash([redacted])";
}
