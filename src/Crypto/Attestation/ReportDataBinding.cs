using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CcTsa.Crypto.Attestation;

/// <summary>
/// REPORT_DATA binds the report to one node identity and one challenge, exactly the 64 bytes of the
/// field. A node report binds SHA-512(tag ‖ len‖node id ‖ len‖provider ‖ channel key ‖ message
/// signing key ‖ verifier nonce): a verified report then says which X25519 key receives the node's
/// secrets AND which Ed25519 key signs its protocol messages, so nobody on the bus can speak for it.
/// Strings are length-prefixed and keys fixed-size, so the concatenation is unambiguous; the nonce
/// must be long enough to be unpredictable. The two-argument form (channel key and nonce only) is
/// the raw building block platform tests feed arbitrary data through; nodes never use it.
/// </summary>
public static class ReportDataBinding
{
    public const int ChannelKeySize = 32;
    public const int SigningKeySize = 32;
    public const int MinNonceSize = 16;

    // Domain separation: a REPORT_DATA computed for a node identity can never equal a channel-only one.
    private static readonly byte[] NodeTag = "cctsa/report-data/node/v2"u8.ToArray();

    public static byte[] Compute(ReadOnlySpan<byte> channelPublicKey, ReadOnlySpan<byte> verifierNonce)
    {
        CheckKeyAndNonce(channelPublicKey, verifierNonce);
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(channelPublicKey);
        h.AppendData(verifierNonce);
        return h.GetHashAndReset();
    }

    /// <summary>The node binding: identity, provider, channel key and message-signing key under one nonce.</summary>
    public static byte[] Compute(string node, string provider, ReadOnlySpan<byte> channelPublicKey, ReadOnlySpan<byte> signingPublicKey, ReadOnlySpan<byte> verifierNonce)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(provider);
        CheckKeyAndNonce(channelPublicKey, verifierNonce);
        if (signingPublicKey.Length != SigningKeySize)
            throw new ArgumentException($"The signing public key is {SigningKeySize} bytes (Ed25519), got {signingPublicKey.Length}.", nameof(signingPublicKey));
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        h.AppendData(NodeTag);
        AppendString(h, node);
        AppendString(h, provider);
        h.AppendData(channelPublicKey);
        h.AppendData(signingPublicKey);
        h.AppendData(verifierNonce);
        return h.GetHashAndReset();
    }

    private static void CheckKeyAndNonce(ReadOnlySpan<byte> channelPublicKey, ReadOnlySpan<byte> verifierNonce)
    {
        if (channelPublicKey.Length != ChannelKeySize)
            throw new ArgumentException($"The channel public key is {ChannelKeySize} bytes (X25519), got {channelPublicKey.Length}.", nameof(channelPublicKey));
        if (verifierNonce.Length < MinNonceSize)
            throw new ArgumentException($"The verifier nonce must be at least {MinNonceSize} bytes, got {verifierNonce.Length}.", nameof(verifierNonce));
    }

    private static void AppendString(IncrementalHash h, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        h.AppendData(length);
        h.AppendData(bytes);
    }
}
