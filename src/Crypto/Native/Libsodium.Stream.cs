using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>libsodium ChaCha20 keystreams (sodium/crypto_stream_chacha20.h, crypto_stream_xchacha20.h): the OT extension's former row PRG, kept as the same-process baseline of `bench micro` (issue 15 pass 6).</summary>
internal static partial class Libsodium
{
    internal const int crypto_stream_chacha20_ietf_KEYBYTES = 32;
    internal const int crypto_stream_chacha20_ietf_NONCEBYTES = 12;
    internal const int crypto_stream_xchacha20_NONCEBYTES = 24;

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_stream_chacha20_ietf(byte* c, ulong clen, byte* n, byte* k);

    [LibraryImport(Library)]
    internal static unsafe partial int crypto_stream_xchacha20(byte* c, ulong clen, byte* n, byte* k);
}
