using System.ComponentModel;
using CcTsa.Crypto.Native;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// The secret hiding and binding nonces (d, e) behind one <see cref="SigningCommitments"/>.
/// MUST be used for one signature only: <see cref="Round2.Sign"/> disposes them, and a
/// <see cref="NoncePool"/> hands each out once. Sealed, wiped on Dispose, never printed or serialized.
/// </summary>
public sealed class SigningNonces : IDisposable
{
    private readonly SecretHandle _nonces; // d ‖ e

    internal SigningNonces(SecretHandle nonces, SigningCommitments commitments)
    {
        _nonces = nonces;
        Commitments = commitments;
    }

    public SigningCommitments Commitments { get; }

    public bool IsDisposed => _nonces.IsClosed;

    internal ReadOnlySpan<byte> Hiding => _nonces.Span[..32];

    internal ReadOnlySpan<byte> Binding => _nonces.Span[32..];

    public void Dispose() => _nonces.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"SigningNonces({Commitments.Identifier}, [redacted])";
}
