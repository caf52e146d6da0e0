using System.Security.Cryptography;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// REPORT_DATA binds the report to one channel and one challenge: SHA-512(channel public key ‖
/// verifier nonce), exactly the 64 bytes of the field. The channel key is a fixed-size X25519 key,
/// so the concatenation is unambiguous; the nonce must be long enough to be unpredictable.
/// </summary>
public static class ReportDataBinding
{
    public const int ChannelKeySize = 32;
    public const int MinNonceSize = 16;

    public static byte[] Compute(ReadOnlySpan<byte> channelPublicKey, ReadOnlySpan<byte> verifierNonce)
    {
        if (channelPublicKey.Length != ChannelKeySize)
            throw new ArgumentException($"The channel public key is {ChannelKeySize} bytes (X25519), got {channelPublicKey.Length}.", nameof(channelPublicKey));
        if (verifierNonce.Length < MinNonceSize)
            throw new ArgumentException($"The verifier nonce must be at least {MinNonceSize} bytes, got {verifierNonce.Length}.", nameof(verifierNonce));
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(channelPublicKey);
        h.AppendData(verifierNonce);
        return h.GetHashAndReset();
    }
}
