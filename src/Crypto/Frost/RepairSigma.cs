using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repair step 2 output: helper <see cref="Sender"/>'s sum σ of the deltas it received, sent to the
/// replacement participant <see cref="Recipient"/>. Secret: leaves only sealed, wiped on Dispose.
/// </summary>
public sealed class RepairSigma : IDisposable, ISharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.RepairSigma;
    private readonly SealedScalar _body;

    internal RepairSigma(ParticipantId sender, ParticipantId recipient, Scalar value)
        : this(new SealedScalar(SealKind, sender, recipient, null, value))
    {
    }

    private RepairSigma(SealedScalar body) => _body = body;

    public ParticipantId Sender => _body.Sender;

    public ParticipantId Recipient => _body.Recipient;

    internal Scalar Value => _body.Value;

    ReadOnlySpan<byte> ISharePackage.Secret => _body.Value.Secret;

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's ceremony key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        _body.SealTo(recipientCeremonyKey, context);

    /// <summary>Opens a sealed RepairSigma; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairSigma, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: false, sealedSecret, recipientCeremonyKeys, context, b => new RepairSigma(b));

    public void Dispose() => _body.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairSigma({Sender}→{Recipient}, [redacted])";
}
