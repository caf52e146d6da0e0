namespace CcTsa.Crypto.P384;

/// <summary>
/// A short-lived BIGNUM holding a scalar for one libcrypto call: flagged BN_FLG_CONSTTIME and
/// wiped by BN_clear_free on dispose, so secret scalars do not linger in native memory.
/// </summary>
internal readonly ref struct BigNum
{
    public readonly IntPtr Ptr;

    public unsafe BigNum(ReadOnlySpan<byte> bigEndian)
    {
        fixed (byte* p = bigEndian) Ptr = OpenSsl.BN_bin2bn(p, bigEndian.Length, IntPtr.Zero);
        if (Ptr == IntPtr.Zero) throw new OutOfMemoryException("BN_bin2bn failed.");
        OpenSsl.BN_set_flags(Ptr, OpenSsl.BN_FLG_CONSTTIME);
    }

    public void Dispose() => OpenSsl.BN_clear_free(Ptr);
}
