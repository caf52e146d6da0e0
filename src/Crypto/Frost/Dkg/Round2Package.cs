using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// The secret share f_sender(recipient) one participant sends another in DKG round 2 (also used by
/// proactive refresh). Secret: no byte accessor; it leaves its holder only sealed to the
/// recipient's channel key (see <c>SealTo</c> in CcTsa.Crypto.Channel) and is wiped on Dispose.
/// </summary>
public sealed class Round2Package : SealedSharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.DkgShare;

    internal Round2Package(ParticipantId sender, ParticipantId recipient, Scalar share)
        : base(new SealedScalar(SealKind, sender, recipient, null, share))
    {
    }

    private Round2Package(SealedScalar body)
        : base(body)
    {
    }

    internal Scalar Share => Body.Value;

    /// <summary>Opens a sealed Round2Package; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<Round2Package, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: false, sealedSecret, recipientCeremonyKeys, context, b => new Round2Package(b));

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round2Package({Sender}→{Recipient}, [redacted])";
}
