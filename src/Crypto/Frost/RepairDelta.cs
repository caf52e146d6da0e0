using System.ComponentModel;
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

    public void Dispose() => Value.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairDelta({Sender}→{Recipient} for {Lost}, [redacted])";
}
