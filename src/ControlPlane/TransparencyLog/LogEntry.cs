using System.Buffers;
using System.Buffers.Text;
using System.Collections.Frozen;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.EventStore;
using CcTsa.Crypto.Merkle;

namespace CcTsa.ControlPlane.TransparencyLog;

/// <summary>
/// The entry of a leaf: one audit event as compact UTF-8 JSON
/// <c>{"sequence":N,"timestamp":"…Z","type":"alias","data":{…}}</c>, where data is the event's
/// canonical bytes verbatim (what the hash chain covers) and the timestamp has exactly six
/// fractional digits, so the same row always gives the same bytes. Leaf i (0-based) is the event
/// of sequence i+1. A TokenIssued entry names its serial and token hash, so a relying party can
/// read from the entry which token it proves.
/// The bytes are laid out by hand (the type escaped as System.Text.Json escapes a string), not
/// through a JSON writer: every append hashes one entry per event, and the writer, its buffer and
/// the timestamp string were most of the tree's cost on the append path.
/// </summary>
public static class LogEntry
{
    private static readonly StandardFormat Micros = new('D', 6);

    // the codec's aliases escaped once (every append writes one per event); any other type, e.g.
    // a tampered row's, is escaped when written
    private static readonly FrozenDictionary<string, byte[]> EscapedAliases = EventCodec.Aliases.Values.Distinct(StringComparer.Ordinal)
        .ToFrozenDictionary(a => a, a => JsonEncodedText.Encode(a).EncodedUtf8Bytes.ToArray(), StringComparer.Ordinal);

    public static byte[] Encode(long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data)
    {
        var buffer = new byte[MaxLength(type, data)];
        return buffer.AsSpan(0, Write(sequence, timestamp, type, data, buffer)).ToArray();
    }

    public static byte[] Encode(StoredEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Encode(row.Sequence, row.Timestamp, row.Type, row.Data.Span);
    }

    /// <summary>SHA-256(0x00 ‖ entry) without materialising the entry (one pooled buffer, see <see cref="MerkleHash"/>).</summary>
    public static Sha256Hash LeafHash(long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Sha256Hash.Size];
        LeafHash(sequence, timestamp, type, data, digest);
        return Sha256Hash.FromBytes(digest);
    }

    /// <summary>The leaf hash as raw bytes into <paramref name="digest"/> (32 bytes): the append path's form, no hex text.</summary>
    public static void LeafHash(long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        Span<byte> time = stackalloc byte[TimestampLength];
        LeafHash(sequence, time[..Timestamp(timestamp.UtcDateTime, time)], type, data, digest);
    }

    /// <summary>
    /// The leaf hash from the entry's parts: its head laid out on the stack, the event's data hashed
    /// where it lies (not copied into an entry first), the closing brace.
    /// </summary>
    private static void LeafHash(long sequence, ReadOnlySpan<byte> time, string type, ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var escaped = Escaped(type);
        var length = HeadLength(time.Length, escaped.Length);
        byte[]? rented = length > 256 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var head = rented is null ? stackalloc byte[256] : rented.AsSpan();
        try
        {
            MerkleHash.Leaf(head[..WriteHead(sequence, time, escaped, head)], data, "}"u8, digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static Sha256Hash LeafHash(StoredEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return LeafHash(row.Sequence, row.Timestamp, row.Type, row.Data.Span);
    }

    /// <summary>
    /// The raw leaf hashes (32 bytes each, in order) of a batch stamped <paramref name="timestamp"/>
    /// whose first event gets sequence <paramref name="firstSequence"/>.
    /// </summary>
    public static byte[] LeafDigests(long firstSequence, DateTimeOffset timestamp, IReadOnlyList<EncodedEvent> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var digests = new byte[batch.Count * Sha256Hash.Size];
        // the batch shares one timestamp: laid out once, not once per event
        Span<byte> time = stackalloc byte[TimestampLength];
        time = time[..Timestamp(timestamp.UtcDateTime, time)];
        for (var i = 0; i < batch.Count; i++)
            LeafHash(firstSequence + i, time, batch[i].Type, batch[i].Utf8.Span, digests.AsSpan(i * Sha256Hash.Size, Sha256Hash.Size));
        return digests;
    }

    /// <summary>The raw leaf hashes (32 bytes each, in order) of stored rows.</summary>
    public static byte[] LeafDigests(IReadOnlyList<StoredEvent> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var digests = new byte[rows.Count * Sha256Hash.Size];
        for (var i = 0; i < rows.Count; i++)
            LeafHash(rows[i].Sequence, rows[i].Timestamp, rows[i].Type, rows[i].Data.Span, digests.AsSpan(i * Sha256Hash.Size, Sha256Hash.Size));
        return digests;
    }

    /// <summary>The 0-based leaf index of an event sequence number.</summary>
    public static long LeafIndexOf(long sequence) => sequence - 1;

    // an escaped character takes at most 6 bytes (\uXXXX) per UTF-16 unit
    private static int MaxLength(string type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(type);
        return 96 + 6 * type.Length + data.Length;
    }

    private static int Write(long sequence, DateTimeOffset timestamp, string type, ReadOnlySpan<byte> data, Span<byte> dst)
    {
        Span<byte> time = stackalloc byte[TimestampLength];
        var at = WriteHead(sequence, time[..Timestamp(timestamp.UtcDateTime, time)], Escaped(type), dst);
        // the codec's own output: already validated JSON, written byte for byte
        at = Put(data, dst, at);
        return Put("}"u8, dst, at);
    }

    /// <summary>The entry up to its data: <c>{"sequence":N,"timestamp":"…","type":"…","data":</c>.</summary>
    private static int WriteHead(long sequence, ReadOnlySpan<byte> time, ReadOnlySpan<byte> escapedType, Span<byte> dst)
    {
        var at = Put("{\"sequence\":"u8, dst, 0);
        at += Format(sequence, dst[at..]);
        at = Put(",\"timestamp\":\""u8, dst, at);
        at = Put(time, dst, at);
        at = Put("\",\"type\":\""u8, dst, at);
        at = Put(escapedType, dst, at);
        return Put("\",\"data\":"u8, dst, at);
    }

    private static ReadOnlySpan<byte> Escaped(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return EscapedAliases.TryGetValue(type, out var escaped) ? escaped : JsonEncodedText.Encode(type).EncodedUtf8Bytes;
    }

    // the fixed text of a head (≈ 45 bytes) and a long's 20 digits, with margin
    private static int HeadLength(int timeLength, int escapedTypeLength) => 80 + timeLength + escapedTypeLength;

    // yyyy-MM-ddTHH:mm:ss.ffffffZ is 27 bytes
    private const int TimestampLength = 32;

    /// <summary>yyyy-MM-ddTHH:mm:ss.ffffffZ (microseconds; stores keep no finer).</summary>
    private static int Timestamp(DateTime t, Span<byte> dst)
    {
        var at = Digits(t.Year, 4, dst, 0);
        dst[at++] = (byte)'-';
        at = Digits(t.Month, 2, dst, at);
        dst[at++] = (byte)'-';
        at = Digits(t.Day, 2, dst, at);
        dst[at++] = (byte)'T';
        at = Digits(t.Hour, 2, dst, at);
        dst[at++] = (byte)':';
        at = Digits(t.Minute, 2, dst, at);
        dst[at++] = (byte)':';
        at = Digits(t.Second, 2, dst, at);
        dst[at++] = (byte)'.';
        if (!Utf8Formatter.TryFormat(t.Ticks % TimeSpan.TicksPerSecond / 10, dst[at..], out var w, Micros)) throw Overflow();
        at += w;
        dst[at++] = (byte)'Z';
        return at;
    }

    private static int Digits(int value, int width, Span<byte> dst, int at)
    {
        if (!Utf8Formatter.TryFormat(value, dst[at..], out var w, new StandardFormat('D', (byte)width))) throw Overflow();
        return at + w;
    }

    private static int Format(long value, Span<byte> dst) =>
        Utf8Formatter.TryFormat(value, dst, out var w) ? w : throw Overflow();

    private static int Put(ReadOnlySpan<byte> piece, Span<byte> dst, int at)
    {
        piece.CopyTo(dst[at..]);
        return at + piece.Length;
    }

    private static InvalidOperationException Overflow() => new("A log entry outgrew its computed length (a bug in LogEntry).");
}
