using System.Runtime.InteropServices;

namespace CcTsa.Crypto.Native;

/// <summary>
/// A fixed-size block of secret bytes in sodium_malloc memory (guard pages, mlock'd where the
/// limit allows). Release goes through sodium_free, which wipes the block before unmapping it, so
/// key material never sits in the managed heap where the GC could copy it.
/// </summary>
internal sealed class SecretHandle : SafeHandle
{
    private readonly int _length;

    private SecretHandle(int length) : base(IntPtr.Zero, ownsHandle: true) => _length = length;

    public override bool IsInvalid => handle == IntPtr.Zero;

    public int Length => _length;

    /// <summary>Allocates <paramref name="length"/> zeroed secret bytes.</summary>
    public static SecretHandle Allocate(int length)
    {
        if (length <= 0) throw Throw.Argument(nameof(length), "Secret length must be positive.");
        Sodium.EnsureInitialized();
        var h = new SecretHandle(length);
        var ptr = Libsodium.sodium_malloc((nuint)length);
        if (ptr == IntPtr.Zero) throw new OutOfMemoryException("sodium_malloc failed to allocate secret memory.");
        h.SetHandle(ptr);
        h.Span.Clear();
        return h;
    }

    /// <summary>Allocates a handle holding a copy of <paramref name="source"/>.</summary>
    public static SecretHandle CopyOf(ReadOnlySpan<byte> source)
    {
        var h = Allocate(source.Length);
        source.CopyTo(h.Span);
        return h;
    }

    /// <summary>The secret bytes. Valid only while the handle is alive; callers never keep the span.</summary>
    public unsafe Span<byte> Span
    {
        get
        {
            ObjectDisposedException.ThrowIf(IsClosed || IsInvalid, this);
            return new Span<byte>((void*)handle, _length);
        }
    }

    protected override bool ReleaseHandle()
    {
        Libsodium.sodium_free(handle);
        return true;
    }

    public override string ToString() => "SecretHandle([redacted])";
}
