using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;

namespace CcTsa.Crypto.Dkls23;

/// <summary>
/// A 64-byte digest of a long, scalar-heavy transcript: BLAKE2b-512 (libsodium, streaming) over the
/// same framing as <see cref="Oracle"/> — label "cctsa/dkls23/&lt;name&gt;/v1", then 8-byte
/// big-endian length-prefixed fields. For the RVOLE's θ and μ, which absorb ~290 KB per RVOLE:
/// SHAKE256 (Keccak) costs about twice BLAKE2b per byte, and this was ~10 % of a signature.
/// Fields are gathered in a pooled buffer (they may be secret: wiped on every flush and on Dispose).
/// </summary>
internal sealed unsafe class BulkHash : IDisposable
{
    public const int DigestBytes = 64;
    private const int BufferSize = 8192;

    private static readonly nuint StateBytes = StateSize();

    private readonly byte* _state;
    private byte[]? _buf = ArrayPool<byte>.Shared.Rent(BufferSize);
    private int _n;

    public BulkHash(string label)
    {
        _state = (byte*)NativeMemory.AlignedAlloc(StateBytes, 64);
        if (Libsodium.crypto_generichash_init(_state, null, 0, DigestBytes) != 0)
            throw new CryptographicException("crypto_generichash_init failed.");
        Add(Encoding.ASCII.GetBytes("cctsa/dkls23/" + label + "/v1"));
    }

    public BulkHash Add(ReadOnlySpan<byte> field)
    {
        var buf = Room(8 + field.Length);
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
            Absorb(field);
        }
        return this;
    }

    /// <summary>
    /// A scalar as its 48-byte Montgomery-form limbs (v·2^384 mod n, little-endian), length-prefixed
    /// like any field: injective like the canonical encoding, without the reduction that leaves
    /// Montgomery form. Only for digests that meet this same code on the other side.
    /// </summary>
    // optimized from the first call: in a busy signer process tiering left these at tier 0 for seconds (BENCHMARKS.md, issue 15 pass 4)
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public BulkHash AddMontgomery(P384Scalar s)
    {
        var at = Room(8 + P384Scalar.Size).AsSpan(_n, 8 + P384Scalar.Size);
        BinaryPrimitives.WriteUInt64BigEndian(at, P384Scalar.Size);
        var m = s.Montgomery;
        BinaryPrimitives.WriteUInt64LittleEndian(at[8..], m.L0);
        BinaryPrimitives.WriteUInt64LittleEndian(at[16..], m.L1);
        BinaryPrimitives.WriteUInt64LittleEndian(at[24..], m.L2);
        BinaryPrimitives.WriteUInt64LittleEndian(at[32..], m.L3);
        BinaryPrimitives.WriteUInt64LittleEndian(at[40..], m.L4);
        BinaryPrimitives.WriteUInt64LittleEndian(at[48..], m.L5);
        _n += 8 + P384Scalar.Size;
        return this;
    }

    public byte[] Finish()
    {
        Flush();
        var d = new byte[DigestBytes];
        fixed (byte* p = d)
            if (Libsodium.crypto_generichash_final(_state, p, DigestBytes) != 0)
                throw new CryptographicException("crypto_generichash_final failed.");
        return d;
    }

    /// <summary>Makes room for <paramref name="bytes"/> (flushing first when they do not fit; a large field then bypasses the buffer).</summary>
    private byte[] Room(int bytes)
    {
        var buf = _buf ?? throw new ObjectDisposedException(nameof(BulkHash));
        if (buf.Length - _n < Math.Min(bytes, 8 + 64)) Flush();
        return buf;
    }

    private void Flush()
    {
        if (_n == 0 || _buf is null) return;
        Absorb(_buf.AsSpan(0, _n));
        CryptographicOperations.ZeroMemory(_buf.AsSpan(0, _n));
        _n = 0;
    }

    private void Absorb(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
            if (Libsodium.crypto_generichash_update(_state, p, (ulong)data.Length) != 0)
                throw new CryptographicException("crypto_generichash_update failed.");
    }

    public void Dispose()
    {
        if (_buf is null) return;
        CryptographicOperations.ZeroMemory(_buf.AsSpan(0, _n));
        ArrayPool<byte>.Shared.Return(_buf);
        _buf = null;
        NativeMemory.Clear(_state, StateBytes);
        NativeMemory.AlignedFree(_state);
    }

    private static nuint StateSize()
    {
        Sodium.EnsureInitialized();
        return Libsodium.crypto_generichash_statebytes();
    }

    public override string ToString() => "BulkHash([redacted])";
}
