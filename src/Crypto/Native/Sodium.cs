using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// One-time libsodium start-up: loads the native library shipped by the libsodium NuGet package,
/// refuses an older system copy (Debian's libsodium23 is 1.0.18), calls sodium_init and checks that
/// the sizes the library reports match the constants our bindings assume, plus one known-answer
/// base-point multiplication. A missing or wrong library becomes one PlatformNotSupportedException.
/// </summary>
public static class Sodium
{
    /// <summary>The lowest libsodium release whose Ed25519 core API we have checked against.</summary>
    public static readonly Version MinimumVersion = new(1, 0, 22);

    private static readonly Lazy<string> Init = new(InitializeCore, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loaded libsodium version string (e.g. "1.0.22").</summary>
    public static string Version => Init.Value;

    /// <summary>Initialises libsodium once; throws PlatformNotSupportedException when unusable.</summary>
    public static void EnsureInitialized() => _ = Init.Value;

    private static string InitializeCore()
    {
        string version;
        try
        {
            if (Libsodium.sodium_init() < 0) throw new PlatformNotSupportedException("libsodium: sodium_init failed.");
            version = Marshal.PtrToStringAnsi(Libsodium.sodium_version_string()) ?? "";
        }
        catch (DllNotFoundException e)
        {
            throw new PlatformNotSupportedException("libsodium native library not found (expected the libsodium NuGet runtime asset).", e);
        }
        catch (EntryPointNotFoundException e)
        {
            throw new PlatformNotSupportedException("libsodium native library lacks a required function; a too old version was loaded.", e);
        }
        if (!System.Version.TryParse(version, out var v) || v < MinimumVersion)
            throw new PlatformNotSupportedException($"libsodium {version} loaded; {MinimumVersion} or later is required (is a system copy shadowing the NuGet one?).");
        SelfTest();
        return version;
    }

    private static void SelfTest()
    {
        if (Libsodium.crypto_core_ed25519_bytes() != Libsodium.crypto_core_ed25519_BYTES
            || Libsodium.crypto_core_ed25519_scalarbytes() != Libsodium.crypto_core_ed25519_SCALARBYTES
            || Libsodium.crypto_core_ed25519_nonreducedscalarbytes() != Libsodium.crypto_core_ed25519_NONREDUCEDSCALARBYTES
            || Libsodium.crypto_scalarmult_bytes() != Libsodium.crypto_scalarmult_BYTES
            || Libsodium.crypto_scalarmult_scalarbytes() != Libsodium.crypto_scalarmult_SCALARBYTES
            || Libsodium.crypto_aead_xchacha20poly1305_ietf_keybytes() != Libsodium.crypto_aead_xchacha20poly1305_ietf_KEYBYTES
            || Libsodium.crypto_aead_xchacha20poly1305_ietf_npubbytes() != Libsodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
            || Libsodium.crypto_aead_xchacha20poly1305_ietf_abytes() != Libsodium.crypto_aead_xchacha20poly1305_ietf_ABYTES)
            throw new PlatformNotSupportedException("libsodium self-test failed: size constants differ from the bindings.");

        // 1·B must be the RFC 8032 base point encoding.
        Span<byte> one = stackalloc byte[32];
        one.Clear();
        one[0] = 1;
        Span<byte> b = stackalloc byte[32];
        if (Libsodium.crypto_scalarmult_ed25519_base_noclamp(b, one) != 0 || !b.SequenceEqual(BasePoint))
            throw new PlatformNotSupportedException("libsodium self-test failed: base point multiplication.");
    }

    private static ReadOnlySpan<byte> BasePoint =>
    [
        0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
        0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
    ];
}
