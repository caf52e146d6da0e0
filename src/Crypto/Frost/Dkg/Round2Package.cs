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
public sealed class Round2Package : IDisposable
{
    internal Round2Package(ParticipantId sender, ParticipantId recipient, Scalar share)
    {
        Sender = sender;
        Recipient = recipient;
        Share = share;
    }

    public ParticipantId Sender { get; }

    public ParticipantId Recipient { get; }

    internal Scalar Share { get; }

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's channel key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipient, ChannelKeyPair sender, SealContext context) =>
        ChannelSeal.Seal(ChannelSeal.Kind.DkgShare, Sender, Recipient, null, Share, recipient, sender, context);

    /// <summary>Opens a sealed Round2Package; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<Round2Package, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipient, ChannelPublicKey sender, SealContext context)
    {
        var opened = ChannelSeal.Open(ChannelSeal.Kind.DkgShare, sealedSecret, recipient, sender, context);
        if (!opened.TryGet(out var o, out var error)) return Result<Round2Package, ChannelError>.Fail(error);
        if (o.Subject is not null)
        {
            o.Value.Dispose();
            return Result<Round2Package, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, "unexpected subject identifier"));
        }
        return new Round2Package(o.Sender, o.Recipient, o.Value);
    }

    public void Dispose() => Share.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round2Package({Sender}→{Recipient}, [redacted])";
}
