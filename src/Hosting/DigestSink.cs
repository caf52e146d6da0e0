using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace CcTsa.Hosting;

/// <summary>
/// Incremental SHA-256 behind a small pooled buffer, so <see cref="CanonicalBody"/> can feed it
/// many small fields without one hash call each. Variable-length values are length-prefixed
/// (big-endian int32); large byte arrays go to the hash directly.
/// </summary>
internal sealed class DigestSink : IDisposable
{
    private const int BufferSize = 8192;
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _used;

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        _used += 1;
    }

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(Reserve(8), value);
        _used += 8;
    }

    public void Guid(Guid value)
    {
        value.TryWriteBytes(Reserve(16), bigEndian: true, out _);
        _used += 16;
    }

    public void Bytes(ReadOnlySpan<byte> value)
    {
        BinaryPrimitives.WriteInt32BigEndian(Reserve(4), value.Length);
        _used += 4;
        if (value.Length > BufferSize / 2)
        {
            Flush();
            _hash.AppendData(value);
            return;
        }
        value.CopyTo(Reserve(value.Length));
        _used += value.Length;
    }

    public void Utf8(string value)
    {
        var max = Encoding.UTF8.GetMaxByteCount(value.Length);
        if (max > BufferSize / 2)
        {
            Bytes(Encoding.UTF8.GetBytes(value));
            return;
        }
        var span = Reserve(4 + max);
        var written = Encoding.UTF8.GetBytes(value, span[4..]);
        BinaryPrimitives.WriteInt32BigEndian(span, written);
        _used += 4 + written;
    }

    public byte[] Finish()
    {
        Flush();
        return _hash.GetHashAndReset();
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }

    private Span<byte> Reserve(int count)
    {
        if (_used + count > BufferSize) Flush();
        return _buffer.AsSpan(_used, count);
    }

    private void Flush()
    {
        if (_used == 0) return;
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }
}
