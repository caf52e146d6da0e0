using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Dkls23.Dkg;

/// <summary>
/// A secret P-384 value of a share repair: a helper's delta for another helper, or a helper's σ for
/// the replacement (the same algebra as Frost.RepairDelta/RepairSigma, over P-384). Lost names the
/// participant whose share is rebuilt. Leaves its holder only sealed; wiped on Dispose.
/// </summary>
public sealed class P384RepairValue : IDisposable, ISharePackage
{
    private readonly SecretHandle _value;
    private readonly ChannelSeal.Kind _kind;

    internal P384RepairValue(bool sigma, ParticipantId sender, ParticipantId recipient, ParticipantId lost, P384Scalar value)
        : this(sigma, sender, recipient, lost, SecretHandle.Allocate(P384Scalar.Size)) => value.WriteTo(_value.Span);

    /// <summary>Takes ownership of a canonical value the generic repair computed in secret memory.</summary>
    internal P384RepairValue(bool sigma, ParticipantId sender, ParticipantId recipient, ParticipantId lost, SecretHandle value)
    {
        _kind = sigma ? ChannelSeal.Kind.RepairSigmaP384 : ChannelSeal.Kind.RepairDeltaP384;
        Sender = sender;
        Recipient = recipient;
        Lost = lost;
        _value = value.Length == P384Scalar.Size ? value : throw new ArgumentException("A P-384 repair value is 48 bytes.", nameof(value));
    }

    public ParticipantId Sender { get; }

    public ParticipantId Recipient { get; }

    public ParticipantId Lost { get; }

    ReadOnlySpan<byte> ISharePackage.Secret => _value.Span;

    internal P384Scalar Value => P384Scalar.TryDecode(_value.Span, out var s) ? s : throw new InvalidOperationException("Corrupt repair value.");

    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        ChannelSeal.SealBytes(_kind, Sender, Recipient, Lost, _value.Span, recipientCeremonyKey, context);

    /// <summary>Opens a sealed delta (<paramref name="sigma"/> false) or σ; an error value when it does not open or is malformed.</summary>
    public static Result<P384RepairValue, ChannelError> Open(bool sigma, SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context)
    {
        var kind = sigma ? ChannelSeal.Kind.RepairSigmaP384 : ChannelSeal.Kind.RepairDeltaP384;
        var opened = ChannelSeal.OpenBytes(kind, sealedSecret, recipientCeremonyKeys, context);
        if (!opened.TryGet(out var o, out var error)) return Result<P384RepairValue, ChannelError>.Fail(error);
        using (o.Value)
        {
            if (o.Subject is not { } lost || !P384Scalar.TryDecode(o.Value.Span, out var value))
                return Result<P384RepairValue, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, "not a P-384 repair value"));
            return new P384RepairValue(sigma, o.Sender, o.Recipient, lost, value);
        }
    }

    public void Dispose() => _value.Dispose();

    public override string ToString() => $"P384RepairValue({Sender}→{Recipient} for {Lost}, [redacted])";
}
