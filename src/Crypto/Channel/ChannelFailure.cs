namespace CcTsa.Crypto.Channel;

/// <summary>Why a sealed payload did not open. Deliberately coarse: wrong key, tampering and wrong context look the same.</summary>
public enum ChannelFailure
{
    /// <summary>Not a sealed payload of this format (length, version).</summary>
    Malformed,
    /// <summary>A sealed payload of another kind (e.g. a repair delta offered as a DKG share).</summary>
    WrongKind,
    /// <summary>Authentication failed: wrong recipient key, wrong sender key, wrong context, or tampered bytes.</summary>
    AuthenticationFailed,
    /// <summary>The peer key is of low order.</summary>
    InvalidPeerKey,
    /// <summary>Decrypted, but the content is not what the context promised (identifiers, scalar).</summary>
    InvalidContent,
}
