using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// libsodium crypto_generichash streaming form (init/update/final over an opaque, 64-byte aligned
/// state): a keyed state is set up once and copied per message, which saves the key block's
/// compression on every short input (the OT-extension column hash, ~10^4 calls per signature).
/// </summary>
internal static partial class Libsodium
{
    [LibraryImport(Library)]
    internal static partial nuint crypto_generichash_statebytes();

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_generichash_init(byte* state, byte* key, nuint keylen, nuint outlen);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_generichash_update(byte* state, byte* input, ulong inlen);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_generichash_final(byte* state, byte* output, nuint outlen);
}
