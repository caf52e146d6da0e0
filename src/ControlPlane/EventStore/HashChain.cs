using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Contracts.Hashing;

namespace CcTsa.ControlPlane.EventStore;

/// <summary>
/// The audit chain: hash_n = SHA-256(prev_hash ‖ seq ‖ timestamp ‖ type ‖ canonical data), with
/// seq as 8 bytes big-endian, timestamp as Unix microseconds (8 bytes big-endian), type as a
/// 4-byte big-endian length and its UTF-8 bytes, then the data bytes to the end. The first event's
/// prev_hash is 32 zero bytes. Timestamps are kept to microseconds so PostgreSQL and SQLite
/// round-trip them exactly.
/// </summary>
public static class HashChain
{
    public static Sha256Hash Genesis => Sha256Hash.Zero;

    public static Sha256Hash Compute(Sha256Hash prev, long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> head = stackalloc byte[Sha256Hash.Size + 8 + 8 + 4];
        prev.CopyTo(head[..Sha256Hash.Size]);
        BinaryPrimitives.WriteInt64BigEndian(head.Slice(32, 8), sequence);
        BinaryPrimitives.WriteInt64BigEndian(head.Slice(40, 8), ToUnixMicroseconds(timestamp));
        var typeBytes = Encoding.UTF8.GetBytes(type);
        BinaryPrimitives.WriteInt32BigEndian(head.Slice(48, 4), typeBytes.Length);
        h.AppendData(head);
        h.AppendData(typeBytes);
        h.AppendData(data);
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        h.GetHashAndReset(digest);
        return Sha256Hash.FromBytes(digest);
    }

    /// <summary>UTC, truncated to whole microseconds (what both stores keep).</summary>
    public static DateTimeOffset Normalize(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);
}
