using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// The random oracles of DKLs23 (notes §12): SHAKE256 over a version-tagged label
/// "cctsa/dkls23/&lt;oracle&gt;/v1" and length-prefixed fields (8-byte big-endian lengths), so no two
/// oracles or field splits collide (TOB-SILA-11, P6). Every per-session oracle is fed the sid.
/// </summary>
internal sealed class Oracle : IDisposable
{
    private readonly Shake256 _x = new();

    public Oracle(string label)
    {
        if (!Shake256.IsSupported) throw new PlatformNotSupportedException("SHAKE256 is not available.");
        Add(Encoding.ASCII.GetBytes("cctsa/dkls23/" + label + "/v1"));
    }

    public Oracle Add(ReadOnlySpan<byte> field)
    {
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(len, (ulong)field.Length);
        _x.AppendData(len);
        _x.AppendData(field);
        return this;
    }

    public Oracle Add(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(b, value);
        return Add(b);
    }

    public Oracle Add(P384Scalar s)
    {
        Span<byte> b = stackalloc byte[P384Scalar.Size];
        s.WriteTo(b);
        Add(b);
        CryptographicOperations.ZeroMemory(b);
        return this;
    }

    public Oracle Add(P384Point p) => Add(p.Encode());

    public void Finish(Span<byte> output) => _x.GetHashAndReset(output);

    public byte[] Finish(int length) => _x.GetHashAndReset(length);

    /// <summary>Hash-to-scalar: 64 output bytes reduced mod n (notes §12, P8).</summary>
    public P384Scalar FinishScalar()
    {
        Span<byte> wide = stackalloc byte[64];
        _x.GetHashAndReset(wide);
        var s = P384Scalar.FromWide(wide);
        CryptographicOperations.ZeroMemory(wide);
        return s;
    }

    /// <summary><paramref name="count"/> scalars, 64 bytes each, from one squeeze.</summary>
    public P384Scalar[] FinishScalars(int count)
    {
        var buf = _x.GetHashAndReset(64 * count);
        var r = new P384Scalar[count];
        for (var i = 0; i < count; i++) r[i] = P384Scalar.FromWide(buf.AsSpan(64 * i, 64));
        CryptographicOperations.ZeroMemory(buf);
        return r;
    }

    public void Dispose() => _x.Dispose();
}
