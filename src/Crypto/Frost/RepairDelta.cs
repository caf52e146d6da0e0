using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repair step 1 output: helper <see cref="Sender"/>'s additive piece δ for helper
/// <see cref="Recipient"/> of the value ζ_i·s_i that rebuilds <see cref="Lost"/>'s share. Secret:
/// leaves its holder only sealed, wiped on Dispose.
/// </summary>
public sealed class RepairDelta : IDisposable
{
    internal RepairDelta(ParticipantId sender, ParticipantId recipient, ParticipantId lost, Scalar value)
    {
        Sender = sender;
        Recipient = recipient;
        Lost = lost;
        Value = value;
    }

    public ParticipantId Sender { get; }

    public ParticipantId Recipient { get; }

    public ParticipantId Lost { get; }

    internal Scalar Value { get; }

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's channel key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipient, ChannelKeyPair sender, SealContext context) =>
        ChannelSeal.Seal(ChannelSeal.Kind.RepairDelta, Sender, Recipient, Lost, Value, recipient, sender, context);

    /// <summary>Opens a sealed RepairDelta; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairDelta, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipient, ChannelPublicKey sender, SealContext context)
    {
        var opened = ChannelSeal.Open(ChannelSeal.Kind.RepairDelta, sealedSecret, recipient, sender, context);
        if (!opened.TryGet(out var o, out var error)) return Result<RepairDelta, ChannelError>.Fail(error);
        if (o.Subject is null)
        {
            o.Value.Dispose();
            return Result<RepairDelta, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, "missing lost-participant identifier"));
        }
        return new RepairDelta(o.Sender, o.Recipient, o.Subject!.Value, o.Value);
    }

    public void Dispose() => Value.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairDelta({Sender}→{Recipient} for {Lost}, [redacted])";
}
