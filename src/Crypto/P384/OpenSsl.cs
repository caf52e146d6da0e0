using System.Runtime.InteropServices;

namespace CcTsa.Crypto.P384;

/// <summary>
/// The few libcrypto (OpenSSL 3) functions the P-384 group needs. C names kept verbatim so a grep of
/// ec.h / bn.h finds them. This is the library .NET itself uses for ECDsa on Linux.
/// Constant time: for a single scalar (G·k, or P·k with no generator term) OpenSSL 3.0's
/// ossl_ec_wNAF_mul dispatches to ossl_ec_scalar_mul_ladder (Montgomery ladder with coordinate
/// blinding), which is what every secret-scalar multiplication here uses. The two-term form
/// (G·a + P·b, wNAF) is variable time and used only on public values (verification checks).
/// </summary>
internal static partial class OpenSsl
{
    private const string Lib = "libcrypto.so.3";

    public const int NID_secp384r1 = 715;
    public const int POINT_CONVERSION_COMPRESSED = 2;
    public const int POINT_CONVERSION_UNCOMPRESSED = 4;
    public const int BN_FLG_CONSTTIME = 0x04;

    [LibraryImport(Lib)] public static partial IntPtr EC_GROUP_new_by_curve_name(int nid);
    [LibraryImport(Lib)] public static partial IntPtr EC_GROUP_get0_generator(IntPtr group);

    [LibraryImport(Lib)] public static partial IntPtr EC_POINT_new(IntPtr group);
    [LibraryImport(Lib)] public static partial void EC_POINT_free(IntPtr point);
    [LibraryImport(Lib)] public static partial IntPtr EC_POINT_dup(IntPtr src, IntPtr group);
    [LibraryImport(Lib)] public static partial int EC_POINT_mul(IntPtr group, IntPtr r, IntPtr gScalar, IntPtr q, IntPtr qScalar, IntPtr ctx);
    [LibraryImport(Lib)] public static unsafe partial int EC_POINTs_mul(IntPtr group, IntPtr r, IntPtr scalar, nuint num, IntPtr* points, IntPtr* scalars, IntPtr ctx);
    [LibraryImport(Lib)] public static partial int EC_POINT_add(IntPtr group, IntPtr r, IntPtr a, IntPtr b, IntPtr ctx);
    [LibraryImport(Lib)] public static partial int EC_POINT_invert(IntPtr group, IntPtr a, IntPtr ctx);
    [LibraryImport(Lib)] public static partial int EC_POINT_is_at_infinity(IntPtr group, IntPtr p);
    [LibraryImport(Lib)] public static partial int EC_POINT_is_on_curve(IntPtr group, IntPtr p, IntPtr ctx);
    [LibraryImport(Lib)] public static partial int EC_POINT_cmp(IntPtr group, IntPtr a, IntPtr b, IntPtr ctx);
    [LibraryImport(Lib)] public static unsafe partial nuint EC_POINT_point2oct(IntPtr group, IntPtr p, int form, byte* buf, nuint len, IntPtr ctx);
    [LibraryImport(Lib)] public static unsafe partial int EC_POINT_oct2point(IntPtr group, IntPtr p, byte* buf, nuint len, IntPtr ctx);
    [LibraryImport(Lib)] public static partial int EC_POINT_get_affine_coordinates(IntPtr group, IntPtr p, IntPtr x, IntPtr y, IntPtr ctx);

    [LibraryImport(Lib)] public static partial IntPtr BN_new();
    [LibraryImport(Lib)] public static unsafe partial IntPtr BN_bin2bn(byte* s, int len, IntPtr ret);
    [LibraryImport(Lib)] public static unsafe partial int BN_bn2binpad(IntPtr a, byte* to, int tolen);
    [LibraryImport(Lib)] public static partial void BN_set_flags(IntPtr b, int n);
    [LibraryImport(Lib)] public static partial void BN_clear_free(IntPtr a);
    [LibraryImport(Lib)] public static partial IntPtr BN_mod_inverse(IntPtr ret, IntPtr a, IntPtr n, IntPtr ctx);

    [LibraryImport(Lib)] public static partial IntPtr BN_CTX_new();
    [LibraryImport(Lib)] public static partial void BN_CTX_free(IntPtr ctx);
}

/// <summary>An owned EC_POINT*, freed once (deterministically on Dispose, else by the finalizer).</summary>
internal sealed class EcPointHandle : SafeHandle
{
    public EcPointHandle(IntPtr p) : base(IntPtr.Zero, ownsHandle: true)
    {
        if (p == IntPtr.Zero) throw new OutOfMemoryException("EC_POINT allocation failed.");
        SetHandle(p);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        OpenSsl.EC_POINT_free(handle);
        return true;
    }
}
