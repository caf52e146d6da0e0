using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// libsodium core bindings (sodium/core.h, utils.h, randombytes.h, version.h). C names are kept
/// verbatim so a grep of the headers finds them. The library is the libsodium NuGet package's
/// runtimes/*/native build; <see cref="Sodium"/> checks the version at start-up.
/// </summary>
internal static partial class Libsodium
{
    internal const string Library = "libsodium";

    [LibraryImport(Library)]
    internal static partial int sodium_init();

    [LibraryImport(Library)]
    internal static partial IntPtr sodium_version_string();

    [LibraryImport(Library)]
    internal static partial int sodium_library_version_major();

    [LibraryImport(Library)]
    internal static partial int sodium_library_version_minor();

    [LibraryImport(Library)]
    internal static partial IntPtr sodium_malloc(nuint size);

    [LibraryImport(Library)]
    internal static partial void sodium_free(IntPtr ptr);

    [LibraryImport(Library)]
    internal static partial void sodium_memzero(IntPtr pnt, nuint len);

    [LibraryImport(Library)]
    internal static partial void randombytes_buf(Span<byte> buf, nuint size);
}
