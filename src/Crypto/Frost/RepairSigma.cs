using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repair step 2 output: helper <see cref="Sender"/>'s sum σ of the deltas it received, sent to the
/// replacement participant <see cref="Recipient"/>. Secret: leaves only sealed, wiped on Dispose.
/// </summary>
public sealed class RepairSigma : SealedSharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.RepairSigma;

    internal RepairSigma(ParticipantId sender, ParticipantId recipient, Scalar value)
        : base(new SealedScalar(SealKind, sender, recipient, null, value))
    {
    }

    private RepairSigma(SealedScalar body)
        : base(body)
    {
    }

    internal Scalar Value => Body.Value;

    /// <summary>Opens a sealed RepairSigma; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairSigma, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: false, sealedSecret, recipientCeremonyKeys, context, b => new RepairSigma(b));

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairSigma({Sender}→{Recipient}, [redacted])";
}
