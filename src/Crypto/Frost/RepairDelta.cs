using System.ComponentModel;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Frost;

/// <summary>
/// Repair step 1 output: helper <see cref="Sender"/>'s additive piece δ for helper
/// <see cref="Recipient"/> of the value ζ_i·s_i that rebuilds <see cref="Lost"/>'s share. Secret:
/// leaves its holder only sealed, wiped on Dispose.
/// </summary>
public sealed class RepairDelta : IDisposable, ISharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.RepairDelta;
    private readonly SealedScalar _body;

    internal RepairDelta(ParticipantId sender, ParticipantId recipient, ParticipantId lost, Scalar value)
        : this(new SealedScalar(SealKind, sender, recipient, lost, value))
    {
    }

    private RepairDelta(SealedScalar body) => _body = body;

    public ParticipantId Sender => _body.Sender;

    public ParticipantId Recipient => _body.Recipient;

    // Subject is always set for this kind: the constructor takes it and Open refuses a package without one
    public ParticipantId Lost => _body.Subject!.Value;

    internal Scalar Value => _body.Value;

    ReadOnlySpan<byte> ISharePackage.Secret => _body.Value.Secret;

    /// <summary>The only way this secret leaves its holder: sealed to the recipient's ceremony key, bound to <paramref name="context"/>.</summary>
    public SealedSecret SealTo(ChannelPublicKey recipientCeremonyKey, SealContext context) =>
        _body.SealTo(recipientCeremonyKey, context);

    /// <summary>Opens a sealed RepairDelta; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairDelta, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: true, sealedSecret, recipientCeremonyKeys, context, b => new RepairDelta(b));

    public void Dispose() => _body.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairDelta({Sender}→{Recipient} for {Lost}, [redacted])";
}
