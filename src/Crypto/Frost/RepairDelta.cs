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
public sealed class RepairDelta : SealedSharePackage
{
    private const ChannelSeal.Kind SealKind = ChannelSeal.Kind.RepairDelta;

    internal RepairDelta(ParticipantId sender, ParticipantId recipient, ParticipantId lost, Scalar value)
        : base(new SealedScalar(SealKind, sender, recipient, lost, value))
    {
    }

    private RepairDelta(SealedScalar body)
        : base(body)
    {
    }

    // Subject is always set for this kind: the constructor takes it and Open refuses a package without one
    public ParticipantId Lost => Body.Subject!.Value;

    internal Scalar Value => Body.Value;

    /// <summary>Opens a sealed RepairDelta; wrong key, wrong context or tampering is an error value.</summary>
    public static Result<RepairDelta, ChannelError> Open(SealedSecret sealedSecret, ChannelKeyPair recipientCeremonyKeys, SealContext context) =>
        SealedScalar.Open(SealKind, hasSubject: true, sealedSecret, recipientCeremonyKeys, context, b => new RepairDelta(b));

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairDelta({Sender}→{Recipient} for {Lost}, [redacted])";
}
