using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CcTsa.Contracts.Messages.Signing;

/// <summary>
/// A transparency-log tree head declared with the request that time-stamps it (TimestampToSign,
/// ShareItem): the signers check the token's message imprint is <see cref="Imprint"/> of exactly
/// this size and root, and that the size does not go back from the last head they signed. Null on
/// every ordinary request. The head message is the UTF-8 bytes of
/// <c>"cctsa-log-head/v1\n" + treeSize + "\n" + lowercase hex rootHash + "\n"</c>; the token's
/// imprint is their SHA-256, so any RFC 3161 verifier can check a head given the two numbers.
/// </summary>
public sealed record LogHead(long TreeSize, byte[] RootHash)
{
    public const string Version = "cctsa-log-head/v1";

    public const int RootHashSize = 32;

    /// <summary>Null when the head is well formed (size ≥ 1, a 32-byte root), otherwise what is wrong.</summary>
    public string? FormatError() =>
        TreeSize < 1 ? $"tree size {TreeSize} is not positive"
        : RootHash is null || RootHash.Length != RootHashSize ? $"root hash is {RootHash?.Length ?? 0} bytes, not {RootHashSize}"
        : null;

    /// <summary>The head message (see the type's summary); throws on a malformed head.</summary>
    public byte[] Message() =>
        FormatError() is { } why ? throw new ArgumentException($"Malformed log head: {why}.") : MessageOf(TreeSize, RootHash);

    /// <summary>
    /// The head message of any size and root as given (a verifier also reads heads it will refuse);
    /// the one place its format is written.
    /// </summary>
    public static byte[] MessageOf(long treeSize, ReadOnlySpan<byte> rootHash)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        return Encoding.UTF8.GetBytes($"{Version}\n{treeSize.ToString(CultureInfo.InvariantCulture)}\n{Convert.ToHexStringLower(rootHash)}\n");
    }

    /// <summary>SHA-256 of <see cref="Message"/>: the message imprint of the head's token.</summary>
    public byte[] Imprint() => SHA256.HashData(Message());

    public override string ToString() => $"LogHead {{ TreeSize = {TreeSize}, RootHash = {(RootHash is null ? "null" : Convert.ToHexStringLower(RootHash))} }}";
}
