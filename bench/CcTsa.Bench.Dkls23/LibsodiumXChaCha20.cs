using System.Runtime.InteropServices;

namespace CcTsa.Bench.Dkls23;

/// <summary>
/// libsodium's XChaCha20 keystream (sodium/crypto_stream_xchacha20.h): the OT extension's former row
/// PRG (issue 15 pass 6), bound here only as the same-process baseline of `micro` — the product no
/// longer calls it. The library is the one CcTsa.Crypto loads (same runtime asset).
/// </summary>
internal static partial class LibsodiumXChaCha20
{
    internal const int NonceBytes = 24;

    [LibraryImport("libsodium")]
    internal static unsafe partial int crypto_stream_xchacha20(byte* c, ulong clen, byte* n, byte* k);
}
