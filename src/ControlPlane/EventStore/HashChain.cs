using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Contracts.Events;
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
        Span<byte> prevBytes = stackalloc byte[Sha256Hash.Size];
        prev.CopyTo(prevBytes);
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        Compute(prevBytes, sequence, timestamp, type, data, digest);
        return Sha256Hash.FromBytes(digest);
    }

    /// <summary>
    /// The same hash into <paramref name="digest"/> (32 bytes) without allocating: the whole input
    /// is laid out in one stack or pooled buffer and hashed one-shot (a verifier walks millions of rows).
    /// </summary>
    public static void Compute(ReadOnlySpan<byte> prev, long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (prev.Length != Sha256Hash.Size) throw new ArgumentException("The previous hash must be 32 bytes.", nameof(prev));
        var typeLength = Encoding.UTF8.GetByteCount(type);
        var length = HeadSize + typeLength + data.Length;
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[1024] : rented.AsSpan();
        try
        {
            prev.CopyTo(buffer);
            BinaryPrimitives.WriteInt64BigEndian(buffer.Slice(32, 8), sequence);
            BinaryPrimitives.WriteInt64BigEndian(buffer.Slice(40, 8), ToUnixMicroseconds(timestamp));
            BinaryPrimitives.WriteInt32BigEndian(buffer.Slice(48, 4), typeLength);
            Encoding.UTF8.GetBytes(type, buffer.Slice(HeadSize, typeLength));
            data.CopyTo(buffer[(HeadSize + typeLength)..]);
            SHA256.HashData(buffer[..length], digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// A batch chained onto <paramref name="head"/> (read under the store's append lock): the
    /// envelopes in order, sequence head + 1 onwards, all stamped <paramref name="now"/>; the last
    /// one's hash is the new head. Both stores' writers link a batch here.
    /// </summary>
    public static EventEnvelope[] Link(ChainHead head, DateTimeOffset now, IReadOnlyList<EncodedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var result = new EventEnvelope[batch.Count];
        var prev = head.Hash;
        var seq = head.Sequence;
        for (var i = 0; i < batch.Count; i++)
        {
            var e = batch[i];
            seq++;
            var hash = Compute(prev, seq, now, e.Type, e.Utf8.Span);
            result[i] = new EventEnvelope(seq, now, e.Type, prev, hash, e.Data);
            prev = hash;
        }
        return result;
    }

    private const int HeadSize = Sha256Hash.Size + 8 + 8 + 4;

    /// <summary>UTC, truncated to whole microseconds (what both stores keep).</summary>
    public static DateTimeOffset Normalize(DateTimeOffset t) => FromUnixMicroseconds(ToUnixMicroseconds(t));

    public static long ToUnixMicroseconds(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixMicroseconds(long micros) => new(DateTimeOffset.UnixEpoch.UtcTicks + micros * 10, TimeSpan.Zero);
}
