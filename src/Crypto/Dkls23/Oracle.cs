using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// The random oracles of DKLs23 (notes §12): SHAKE256 over a version-tagged label
/// "cctsa/dkls23/&lt;oracle&gt;/v1" and length-prefixed fields (8-byte big-endian lengths), so no two
/// oracles or field splits collide (TOB-SILA-11, P6). Every per-session oracle is fed the sid.
/// Fields are gathered in a pooled buffer and handed to SHAKE in large appends (the absorbed byte
/// string is exactly the same): the RVOLE hashes ~10^4 scalars per call, and one P/Invoke per
/// 48-byte field cost more than the hashing. The buffer may hold secrets: wiped on every flush.
/// </summary>
internal sealed class Oracle : IDisposable
{
    private const int BufferSize = 8192;

    private readonly Shake256 _x = new();
    private byte[]? _buf = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _n;

    public Oracle(string label)
    {
        if (!Shake256.IsSupported) throw new PlatformNotSupportedException("SHAKE256 is not available.");
        Add(Encoding.ASCII.GetBytes("cctsa/dkls23/" + label + "/v1"));
    }

    public Oracle Add(ReadOnlySpan<byte> field)
    {
        var buf = Room(8);
        BinaryPrimitives.WriteUInt64BigEndian(buf.AsSpan(_n), (ulong)field.Length);
        _n += 8;
        if (field.Length <= buf.Length - _n)
        {
            field.CopyTo(buf.AsSpan(_n));
            _n += field.Length;
        }
        else
        {
            Flush();
            _x.AppendData(field);
        }
        return this;
    }

    /// <summary>The buffer with at least <paramref name="bytes"/> free (flushed first if needed).</summary>
    private byte[] Room(int bytes)
    {
        var buf = _buf ?? throw new ObjectDisposedException(nameof(Oracle));
        if (buf.Length - _n < bytes) Flush();
        return buf;
    }

    private void Flush()
    {
        if (_n == 0 || _buf is null) return;
        _x.AppendData(_buf.AsSpan(0, _n));
        CryptographicOperations.ZeroMemory(_buf.AsSpan(0, _n));
        _n = 0;
    }

    public Oracle Add(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return Add(b);
    }

    /// <summary>Same bytes as Add(48-byte encoding), written straight into the buffer.</summary>
    public Oracle Add(P384Scalar s)
    {
        var buf = Room(8 + P384Scalar.Size);
        BinaryPrimitives.WriteUInt64BigEndian(buf.AsSpan(_n), P384Scalar.Size);
        s.WriteTo(buf.AsSpan(_n + 8, P384Scalar.Size));
        _n += 8 + P384Scalar.Size;
        return this;
    }

    public Oracle Add(P384Point p) => Add(p.Encode());

    public void Finish(Span<byte> output)
    {
        Flush();
        _x.GetHashAndReset(output);
    }

    public byte[] Finish(int length)
    {
        Flush();
        return _x.GetHashAndReset(length);
    }

    /// <summary>Hash-to-scalar: 64 output bytes reduced mod n (notes §12, P8).</summary>
    public P384Scalar FinishScalar()
    {
        Span<byte> wide = stackalloc byte[64];
        Finish(wide);
        var s = P384Scalar.FromWide(wide);
        CryptographicOperations.ZeroMemory(wide);
        return s;
    }

    /// <summary><paramref name="count"/> scalars, 64 bytes each, from one squeeze.</summary>
    public P384Scalar[] FinishScalars(int count)
    {
        var buf = Finish(64 * count);
        var r = new P384Scalar[count];
        for (var i = 0; i < count; i++) r[i] = P384Scalar.FromWide(buf.AsSpan(64 * i, 64));
        CryptographicOperations.ZeroMemory(buf);
        return r;
    }

    public void Dispose()
    {
        if (_buf is not null)
        {
            CryptographicOperations.ZeroMemory(_buf.AsSpan(0, _n));
            ArrayPool<byte>.Shared.Return(_buf);
            _buf = null;
        }
        _x.Dispose();
    }
}
