namespace CcTsa.Crypto.P384;

/// <summary>
/// The process-wide OpenSSL EC_GROUP for secp384r1 (NID 715). Created once and never freed (an
/// immutable singleton, read-only after construction, safe to share across threads).
/// </summary>
internal static class P384Group
{
    private static readonly IntPtr Group = Create();

    public static IntPtr Ptr => Group;

    [ThreadStatic] private static IntPtr _ctx;

    /// <summary>A per-thread BN_CTX (scratch BIGNUMs), created on first use and kept for the thread's life.</summary>
    public static IntPtr Ctx => _ctx != IntPtr.Zero ? _ctx : (_ctx = OpenSsl.BN_CTX_new());

    private static IntPtr Create()
    {
        var g = OpenSsl.EC_GROUP_new_by_curve_name(OpenSsl.NID_secp384r1);
        return g != IntPtr.Zero ? g : throw new PlatformNotSupportedException("libcrypto.so.3 has no secp384r1 group.");
    }
}
