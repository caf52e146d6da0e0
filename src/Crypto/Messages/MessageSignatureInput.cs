using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CcTsa.Crypto.Messages;

/// <summary>
/// The bytes a node signs for one protocol message: tag ‖ len‖kind ‖ len‖sender ‖ len‖recipient ‖
/// sequence ‖ SHA-256(canonical body). The body is the whole message as the bus serializes it, so
/// the ceremony or round id, the epoch and every payload field are covered; kind, sender and
/// recipient are repeated outside it so a signature can't be moved to another type, another
/// claimed sender or another node's queue. Strings are length-prefixed: no two inputs collide.
/// </summary>
public static class MessageSignatureInput
{
    private static readonly byte[] Tag = "cctsa/protocol-message/v1"u8.ToArray();

    public static byte[] Compute(string kind, string sender, string recipient, long sequence, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(recipient);
        Span<byte> bodyHash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(body, bodyHash);
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
