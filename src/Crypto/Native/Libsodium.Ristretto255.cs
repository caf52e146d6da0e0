using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>libsodium ristretto255 (sodium/crypto_core_ristretto255.h, crypto_scalarmult_ristretto255.h): the DKLs23 base OT's group.</summary>
internal static partial class Libsodium
{
    internal const int crypto_core_ristretto255_BYTES = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_is_valid_point(ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ristretto255_sub(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    /// <summary>Returns −1 when the product is the identity.</summary>
    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ristretto255(Span<byte> q, ReadOnlySpan<byte> n, ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_scalarmult_ristretto255_base(Span<byte> q, ReadOnlySpan<byte> n);
}
