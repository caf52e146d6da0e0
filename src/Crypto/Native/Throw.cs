namespace CcTsa.Crypto.Native;

/// <summary>
/// The one place CcTsa.Crypto's FROST/channel code builds exceptions for its callers' bugs (wrong
/// lengths, disposed secrets, broken invariants). Messages never contain input bytes.
/// </summary>
internal static class Throw
{
    public static ArgumentException Argument(string param, string why) => new(why, param);

    public static InvalidOperationException Invariant(string why) => new("Invariant broken: " + why);

    public static CryptographicOperationException Native(string function) => new(function);

    /// <summary>A libsodium call failed where our inputs were already validated: our bug.</summary>
    internal sealed class CryptographicOperationException(string function)
        : System.Security.Cryptography.CryptographicException($"libsodium {function} failed on validated input.");
}
