using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// libsodium crypto_scalarmult_ed25519 (no clamping: FROST scalars are full field elements) and
/// crypto_scalarmult (X25519, for channel keys), from sodium/crypto_scalarmult_*.h.
/// </summary>
internal static partial class Libsodium
{
    internal const int crypto_scalarmult_ed25519_BYTES = 32;
    internal const int crypto_scalarmult_ed25519_SCALARBYTES = 32;
    internal const int crypto_scalarmult_BYTES = 32;
    internal const int crypto_scalarmult_SCALARBYTES = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ed25519_noclamp(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ed25519_base_noclamp(Span<byte> q, ReadOnlySpan<byte> n);

    [LibraryImport(Library)]
    internal static partial nuint crypto_scalarmult_bytes();

    [LibraryImport(Library)]
    internal static partial nuint crypto_scalarmult_scalarbytes();

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_base(Span<byte> q, ReadOnlySpan<byte> n);
}
