using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Messages;

/// <summary>
/// The bytes a node signs for one protocol message: tag ‖ len‖kind ‖ len‖sender ‖ len‖recipient ‖
/// sequence ‖ body digest. The digest (32 bytes, CcTsa.Hosting.CanonicalBody) covers every field
/// the bus carries, so the ceremony or round id, the epoch and every payload field are covered; kind, sender and
/// recipient are repeated outside it so a signature can't be moved to another type, another
/// claimed sender or another node's queue. Strings are length-prefixed: no two inputs collide.
/// </summary>
public static class MessageSignatureInput
{
    private static readonly byte[] Tag = "cctsa/protocol-message/v2"u8.ToArray();

    public const int BodyDigestSize = SHA256.HashSizeInBytes;

    public static byte[] Compute(string kind, string sender, string recipient, long sequence, ReadOnlySpan<byte> bodyHash)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        if (bodyHash.Length != BodyDigestSize) throw Throw.Argument(nameof(bodyHash), "The body digest must be 32 bytes (SHA-256).");
        var size = Tag.Length + 12 + Encoding.UTF8.GetByteCount(kind) + Encoding.UTF8.GetByteCount(sender)
            + Encoding.UTF8.GetByteCount(recipient) + sizeof(long) + bodyHash.Length;
        var input = new byte[size];
        var at = 0;
        Tag.CopyTo(input, 0);
        at += Tag.Length;
        at = Append(input, at, kind);
        at = Append(input, at, sender);
        at = Append(input, at, recipient);
        BinaryPrimitives.WriteInt64BigEndian(input.AsSpan(at), sequence);
        at += sizeof(long);
        bodyHash.CopyTo(input.AsSpan(at));
        return input;
    }

    private static int Append(byte[] input, int at, string value)
    {
        var written = Encoding.UTF8.GetBytes(value, input.AsSpan(at + 4));
        BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(at), written);
        return at + 4 + written;
    }
}
