using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// libsodium crypto_sign_ed25519 verification (sodium/crypto_sign_ed25519.h): strict RFC 8032
/// verification with a variable-time double-scalar multiplication, several times faster than two
/// constant-time crypto_scalarmult_ed25519 calls on public data. Signing (node message keys, not
/// the threshold key): crypto_sign_ed25519_seed_keypair and crypto_sign_ed25519_detached.
/// </summary>
internal static partial class Libsodium
{
    internal const int crypto_sign_ed25519_BYTES = 64;
    internal const int crypto_sign_ed25519_PUBLICKEYBYTES = 32;
    internal const int crypto_sign_ed25519_SECRETKEYBYTES = 64;
    internal const int crypto_sign_ed25519_SEEDBYTES = 32;

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_seed_keypair(Span<byte> pk, Span<byte> sk, ReadOnlySpan<byte> seed);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_detached(Span<byte> sig, out ulong siglen_p, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> sk);

    [LibraryImport(Library)]
    internal static partial int crypto_sign_ed25519_verify_detached(ReadOnlySpan<byte> sig, ReadOnlySpan<byte> m, ulong mlen, ReadOnlySpan<byte> pk);
}
