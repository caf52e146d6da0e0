using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>libsodium crypto_generichash (BLAKE2b, sodium/crypto_generichash.h), keyed one-shot form.</summary>
internal static partial class Libsodium
{
    internal const int crypto_generichash_BYTES_MAX = 64;
    internal const int crypto_generichash_KEYBYTES_MAX = 64;

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_generichash(byte* output, nuint outlen, byte* input, ulong inlen, byte* key, nuint keylen);
}
