using System.ComponentModel;
using System.Security.Cryptography;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Ed25519;

/// <summary>
/// A secret scalar mod L (a share, a nonce, a polynomial coefficient) in sodium_malloc memory.
/// Sealed and disposable; Dispose wipes it. It has no public byte accessor, never prints its value,
/// and is never serialized: the only ways out are FROST operations and sealing to a peer.
/// </summary>
public sealed class Scalar : IDisposable
{
    private readonly SecretHandle _handle;

    private Scalar(SecretHandle handle) => _handle = handle;

    /// <summary>The secret bytes, for the crypto code of this assembly only.</summary>
    internal ReadOnlySpan<byte> Secret => _handle.Span;

    internal bool IsDisposed => _handle.IsClosed;

    /// <summary>A fresh uniformly random non-zero scalar.</summary>
    internal static Scalar Random()
    {
        var h = SecretHandle.Allocate(32);
        Ed25519Group.ScalarRandom(h.Span);
        return new Scalar(h);
    }

    /// <summary>Copies canonical scalar bytes into secret memory; null when not canonical.</summary>
    internal static Scalar? TryFrom(ReadOnlySpan<byte> encoding)
    {
        if (!Ed25519Group.IsCanonicalScalar(encoding)) return null;
        return new Scalar(SecretHandle.CopyOf(encoding));
    }

    /// <summary>Takes ownership of a canonical scalar the generic sharing code computed in secret memory.</summary>
    internal static Scalar Adopt(SecretHandle handle) =>
        handle.Length == 32 ? new(handle) : throw Throw.Invariant("an Ed25519 scalar is 32 bytes");

    internal static Scalar From(ReadOnlySpan<byte> canonical) =>
        TryFrom(canonical) ?? throw Throw.Invariant("scalar not canonical");

    /// <summary>A zero scalar in fresh secret memory, for the caller to fill through <see cref="Writable"/>.</summary>
    internal static Scalar Zeroed() => new(SecretHandle.Allocate(32));

    /// <summary>Write access for code that computes a secret straight into secret memory.</summary>
    internal Span<byte> Writable => _handle.Span;

    internal Scalar Clone() => new(SecretHandle.CopyOf(Secret));

    /// <summary>The public image s·B (a verifying share or commitment).</summary>
    internal Point ToPoint() => Ed25519Group.BaseMul(Secret);

    /// <summary>Constant-time equality, for tests and invariant checks.</summary>
    internal bool SecretEquals(Scalar other) => CryptographicOperations.FixedTimeEquals(Secret, other.Secret);

    public void Dispose() => _handle.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => "Scalar([redacted])";
}
