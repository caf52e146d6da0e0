using System.ComponentModel;
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

    public void Dispose() => Share.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"Round2Package({Sender}→{Recipient}, [redacted])";
}
