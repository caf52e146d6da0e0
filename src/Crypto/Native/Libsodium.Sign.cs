using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// libsodium crypto_sign_ed25519 verification (sodium/crypto_sign_ed25519.h): strict RFC 8032
/// verification with a variable-time double-scalar multiplication, several times faster than two
/// constant-time crypto_scalarmult_ed25519 calls on public data.
/// </summary>
internal static partial class Libsodium
{
    internal const int crypto_sign_ed25519_BYTES = 64;
    internal const int crypto_sign_ed25519_PUBLICKEYBYTES = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_verify_detached(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> pk);
}
