using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// The secret share f_sender(recipient) one participant sends another in DKG round 2 (also used by
/// proactive refresh). Secret: no byte accessor; it leaves its holder only sealed to the
/// recipient's channel key (see <c>SealTo</c> in CcTsa.Crypto.Channel) and is wiped on Dispose.
/// </summary>
public sealed class Round2Package : IDisposable, ISharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.DkgShare;
    private readonly SealedScalar _body;

    internal Round2Package(ParticipantId sender, ParticipantId recipient, Scalar share)
        : this(new SealedScalar(SealKind, sender, recipient, null, share))
    {
    }

    private Round2Package(SealedScalar body) => _body = body;

    public ParticipantId Sender => _body.Sender;

    public ParticipantId Recipient => _body.Recipient;

    internal Scalar Share => _body.Value;

    ReadOnlySpan<byte> ISharePackage.Secret => _body.Value.Secret;

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's ceremony key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        _body.SealTo(recipientCeremonyKey, context);

    /// <summary>Opens a sealed Round2Package; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<Round2Package, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: false, sealedSecret, recipientCeremonyKeys, context, b => new Round2Package(b));

    public void Dispose() => _body.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round2Package({Sender}→{Recipient}, [redacted])";
}
