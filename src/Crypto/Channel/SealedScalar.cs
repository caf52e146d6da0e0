using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Channel;

/// <summary>
/// The shared body of every point-to-point secret scalar package (DKG share, repair δ, repair σ):
/// who sends it to whom, an optional subject, the scalar itself, sealing and opening. The public
/// package types wrap one of these so the secret-handling rules live in one place. Wiped on Dispose.
/// </summary>
internal sealed class SealedScalar : IDisposable
{
    private readonly ChannelSeal.Kind _kind;

    public SealedScalar(ChannelSeal.Kind kind, ParticipantId sender, ParticipantId recipient, ParticipantId? subject, Scalar value)
    {
        _kind = kind;
        Sender = sender;
        Recipient = recipient;
        Subject = subject;
        Value = value;
    }

    public ParticipantId Sender { get; }

    public ParticipantId Recipient { get; }

    /// <summary>The participant the scalar is about (repair δ: the lost one); null for kinds without one.</summary>
    public ParticipantId? Subject { get; }

    public Scalar Value { get; }

    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        ChannelSeal.Seal(_kind, Sender, Recipient, Subject, Value, recipientCeremonyKey, context);

    /// <summary>
    /// Opens a package of <paramref name="kind"/> and wraps it with <paramref name="wrap"/>. A subject
    /// present when <paramref name="hasSubject"/> is false, or absent when true, is an error value
    /// and the opened scalar is wiped.
    /// </summary>
    public static Result<T, ChannelError> Open<T>(ChannelSeal.Kind kind, bool hasSubject, SealedSecret sealedSecret,
        ChannelKeyPair recipientCeremonyKeys, SealContext context, Func<SealedScalar, T> wrap)
    {
        var opened = ChannelSeal.Open(kind, sealedSecret, recipientCeremonyKeys, context);
        if (!opened.TryGet(out var o, out var error)) return Result<T, ChannelError>.Fail(error);
        if (o.Subject is null == hasSubject)
        {
            o.Value.Dispose();
            var detail = hasSubject ? "missing lost-participant identifier" : "unexpected subject identifier";
            return Result<T, ChannelError>.Fail(new ChannelError(ChannelFailure.InvalidContent, detail));
        }
        return wrap(new SealedScalar(kind, o.Sender, o.Recipient, o.Subject, o.Value));
    }

    public void Dispose() => Value.Dispose();

    public override string ToString() => "SealedScalar([redacted])";
}
