using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// OpenSSL's low-level SHA-256 (openssl/sha.h: SHA256_Init, SHA256_Update, SHA256_Final), called
/// directly for the Merkle tree's small inputs (a 65-byte node, a few-hundred-byte entry). .NET
/// hashes through OpenSSL 3's EVP layer, whose per-digest set-up (provider dispatch, context reset)
/// costs more than hashing such inputs: measured on the 2-core build host, 0.4–0.6 µs per node
/// hash here against 1.1–3.0 µs through IncrementalHash, with the same SHA-NI code underneath.
/// The functions are deprecated in OpenSSL 3 but exported by 1.1 and every 3.x; only public data
/// is hashed here (tree nodes and log entries, never a key). Where no libcrypto with them loads
/// (Windows, macOS) <see cref="Instance"/> is null and callers keep the EVP path.
/// </summary>
internal sealed unsafe class LibcryptoSha256
{
    /// <summary>SHA256_CTX is 112 bytes in OpenSSL 1.1 and 3.x; room to spare for the stack buffer.</summary>
    internal const int ContextSize = 128;

    private readonly delegate* unmanaged[Cdecl]<byte*, int> _init;
    private readonly delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int> _update;
    private readonly delegate* unmanaged[Cdecl]<byte*, byte*, int> _final;

    private LibcryptoSha256(IntPtr init, IntPtr update, IntPtr final)
    {
        _init = (delegate* unmanaged[Cdecl]<byte*, int>)init;
        _update = (delegate* unmanaged[Cdecl]<byte*, byte*, nuint, int>)update;
        _final = (delegate* unmanaged[Cdecl]<byte*, byte*, int>)final;
    }

    /// <summary>The process's binding, or null when no libcrypto exporting the three functions loads.</summary>
    public static LibcryptoSha256? Instance { get; } = Load();

    /// <summary>SHA-256 of <paramref name="a"/> ‖ <paramref name="b"/> ‖ <paramref name="c"/> ‖ <paramref name="d"/> into <paramref name="digest"/> (32 bytes, may alias the inputs).</summary>
    public void Hash(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> c, ReadOnlySpan<byte> d, Span<byte> digest)
    {
        if (digest.Length != 32) throw Throw.Argument(nameof(digest), $"A SHA-256 digest is 32 bytes, the destination has {digest.Length}.");
        var ctx = stackalloc byte[ContextSize];
        Span<byte> result = stackalloc byte[32];
        fixed (byte* pa = a, pb = b, pc = c, pd = d, pr = result)
        {
            if (_init(ctx) != 1 || _update(ctx, pa, (nuint)a.Length) != 1 || _update(ctx, pb, (nuint)b.Length) != 1
                || _update(ctx, pc, (nuint)c.Length) != 1 || _update(ctx, pd, (nuint)d.Length) != 1 || _final(pr, ctx) != 1)
                throw new System.Security.Cryptography.CryptographicException("OpenSSL SHA256_Init/Update/Final failed on validated input.");
        }
        result.CopyTo(digest);
    }

    private static LibcryptoSha256? Load()
    {
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1", "libcrypto.so" })
        {
            if (!NativeLibrary.TryLoad(name, out var lib)) continue;
            if (NativeLibrary.TryGetExport(lib, "SHA256_Init", out var init) && NativeLibrary.TryGetExport(lib, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(lib, "SHA256_Final", out var final))
                return new LibcryptoSha256(init, update, final);
        }
        return null;
    }
}
