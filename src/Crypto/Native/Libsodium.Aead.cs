using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>libsodium XChaCha20-Poly1305-IETF AEAD (sodium/crypto_aead_xchacha20poly1305.h), used to seal secret packages.</summary>
internal static partial class Libsodium
{
    internal const int crypto_aead_xchacha20poly1305_ietf_KEYBYTES = 32;
    internal const int crypto_aead_xchacha20poly1305_ietf_NPUBBYTES = 24;
    internal const int crypto_aead_xchacha20poly1305_ietf_ABYTES = 16;

    [LibraryImport(Library)]
    internal static partial nuint crypto_aead_xchacha20poly1305_ietf_keybytes();

    [LibraryImport(Library)]
    internal static partial nuint crypto_aead_xchacha20poly1305_ietf_npubbytes();

    [LibraryImport(Library)]
    internal static partial nuint crypto_aead_xchacha20poly1305_ietf_abytes();

    [LibraryImport(Library)]
    internal static partial int crypto_aead_xchacha20poly1305_ietf_encrypt(
        Span<byte> c, out ulong clen_p, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> ad, ulong adlen,
        IntPtr nsec, ReadOnlySpan<byte> npub, ReadOnlySpan<byte> k);

    [LibraryImport(Library)]
    internal static partial int crypto_aead_xchacha20poly1305_ietf_decrypt(
        Span<byte> m, out ulong mlen_p, IntPtr nsec, ReadOnlySpan<byte> c, ulong clen, ReadOnlySpan<byte> ad, ulong adlen,
        ReadOnlySpan<byte> npub, ReadOnlySpan<byte> k);
}
