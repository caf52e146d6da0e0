using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>libsodium crypto_core_ed25519 (sodium/crypto_core_ed25519.h): group and scalar arithmetic.</summary>
internal static partial class Libsodium
{
    internal const int crypto_core_ed25519_BYTES = 32;
    internal const int crypto_core_ed25519_SCALARBYTES = 32;
    internal const int crypto_core_ed25519_NONREDUCEDSCALARBYTES = 64;

    [LibraryImport(Library)]
    internal static partial nuint crypto_core_ed25519_bytes();

    [LibraryImport(Library)]
    internal static partial nuint crypto_core_ed25519_scalarbytes();

    [LibraryImport(Library)]
    internal static partial nuint crypto_core_ed25519_nonreducedscalarbytes();

    [LibraryImport(Library)]
    internal static partial int crypto_core_ed25519_is_valid_point(ReadOnlySpan<byte> p);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ed25519_add(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ed25519_sub(Span<byte> r, ReadOnlySpan<byte> p, ReadOnlySpan<byte> q);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_random(Span<byte> r);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_reduce(Span<byte> r, ReadOnlySpan<byte> s);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_add(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_sub(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_mul(Span<byte> z, ReadOnlySpan<byte> x, ReadOnlySpan<byte> y);

    [LibraryImport(Library)]
    internal static partial void crypto_core_ed25519_scalar_negate(Span<byte> neg, ReadOnlySpan<byte> s);

    [LibraryImport(Library)]
    internal static partial int crypto_core_ed25519_scalar_invert(Span<byte> recip, ReadOnlySpan<byte> s);
}
