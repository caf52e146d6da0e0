using System.ComponentModel;
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

    public void Dispose() => Value.Dispose();

    [EditorBrowsable(EditorBrowsableState.Never)]
    public override string ToString() => $"RepairSigma({Sender}→{Recipient}, [redacted])";
}
