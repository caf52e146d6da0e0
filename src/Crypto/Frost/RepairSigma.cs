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
public sealed class RepairSigma : IDisposable
{
    internal RepairSigma(ParticipantId sender, ParticipantId recipient, Scalar value)
    {
        Sender = sender;
        Recipient = recipient;
        Value = value;
    }

    public ParticipantId Sender { get; }

    public ParticipantId Recipient { get; }

    internal Scalar Value { get; }

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's channel key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipient, ChannelKeyPair sender, SealContext context) =>
        ChannelSeal.Seal(ChannelSeal.Kind.RepairSigma, Sender, Recipient, null, Value, recipient, sender, context);

    /// <summary>Opens a sealed RepairSigma; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairSigma, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipient, ChannelPublicKey sender, SealContext context)
    {
        var opened = ChannelSeal.Open(ChannelSeal.Kind.RepairSigma, sealedSecret, recipient, sender, context);
        if (!opened.TryGet(out var o, out var error)) return Result<RepairSigma, ChannelError>.Fail(error);
        if (o.Subject is not null)
        {
            o.Value.Dispose();
            return Result<RepairSigma, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, "unexpected subject identifier"));
        }
        return new RepairSigma(o.Sender, o.Recipient, o.Value);
    }

    public void Dispose() => Value.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairSigma({Sender}→{Recipient}, [redacted])";
}
