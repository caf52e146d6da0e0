using System.Security.Cryptography;
using CcTsa.Contracts.Hashing;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// What a tree-head token time-stamps: the UTF-8 bytes of
/// <c>"cctsa-log-head/v1\n" + treeSize + "\n" + lowercase hex rootHash + "\n"</c>; the token's
/// message imprint is their SHA-256. Any RFC 3161 verifier can thus check a head given the two numbers.
/// The format is written once, in <see cref="LogHead"/>, which the signers check heads with.
/// </summary>
public static class LogHeadMessage
{
    public const string Version = LogHead.Version;

    public static byte[] Bytes(long treeSize, Sha256Hash rootHash) => LogHead.MessageOf(treeSize, Convert.FromHexString(rootHash.Hex));

    public static byte[] Imprint(long treeSize, Sha256Hash rootHash) => SHA256.HashData(Bytes(treeSize, rootHash));

    /// <summary>The head as the signers receive it with the head's signing request.</summary>
    public static LogHead Head(long treeSize, Sha256Hash rootHash) => new(treeSize, Convert.FromHexString(rootHash.Hex));
}
