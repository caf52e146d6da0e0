using System.ComponentModel;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// One participant's long-lived key material: its secret signing share s_i, its public verifying
/// share Y_i = s_i·B, the group verifying key and the threshold. Made only by the DKG, repair or
/// refresh. Sealed, disposable, no byte accessor, never printed or serialized.
/// </summary>
public sealed class KeyPackage : IDisposable
{
    internal KeyPackage(ParticipantId identifier, Scalar signingShare, Point verifyingShare, Point verifyingKey, int minSigners)
    {
        Identifier = identifier;
        SigningShare = signingShare;
        VerifyingShare = verifyingShare;
        VerifyingKey = verifyingKey;
        MinSigners = minSigners;
    }

    public ParticipantId Identifier { get; }

    internal Scalar SigningShare { get; }

    public Point VerifyingShare { get; }

    /// <summary>The group public key: the RFC 8032 Ed25519 public key every verifier uses.</summary>
    public Point VerifyingKey { get; }

    public int MinSigners { get; }

    /// <summary>Builds a package from a share whose public image is known (test vectors, repair).</summary>
    internal static KeyPackage FromShare(ParticipantId id, Scalar share, Point verifyingKey, int minSigners) =>
        new(id, share, share.ToPoint(), verifyingKey, minSigners);

    public void Dispose() => SigningShare.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"KeyPackage({Identifier}, [redacted])";
}
