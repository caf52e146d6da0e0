using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Dkls23.Ot;

/// <summary>
/// Keystream PRGs of the OT extension (libsodium, constant time). Each replaced a SHAKE256 context
/// per call — a fresh OpenSSL EVP context per row or per scalar cost more than the bytes it made.
/// <see cref="Row"/>: XChaCha20 keyed by a base-OT key with a 192-bit nonce H(sid), so two sessions
/// never share a keystream. (The column pads come from <see cref="AesCtrPrg"/>.)
/// </summary>
internal static unsafe class ChaChaPrg
{
    public const int KeyBytes = Libsodium.crypto_stream_chacha20_ietf_KEYBYTES;
    public const int RowNonceBytes = Libsodium.crypto_stream_xchacha20_NONCEBYTES;

    public static void Row(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce24, Span<byte> output)
    {
        if (key.Length != KeyBytes || nonce24.Length != RowNonceBytes) throw new ArgumentException("PRG needs a 32-byte key and a 24-byte nonce.");
        Sodium.EnsureInitialized();
        fixed (byte* o = output)
        fixed (byte* n = nonce24)
        fixed (byte* k = key)
            if (Libsodium.crypto_stream_xchacha20(o, (ulong)output.Length, n, k) != 0)
                throw new CryptographicException("crypto_stream_xchacha20 failed.");
    }
}
