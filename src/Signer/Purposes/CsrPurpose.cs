using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Participants;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// Purpose "csr": the message is a CertificationRequestInfo whose subject key is the epoch's group
/// key of the round's scheme (<see cref="RawMessageCheck"/>), the proof of possession of the TSA certificate.
/// </summary>
internal sealed class CsrPurpose : ISigningPurpose
{
    public string Name => RawMessageCheck.CsrPurpose;

    public string? CheckRound(SchemeEpoch key) => null;

    public string? Check(SchemeEpoch key, PreparedMessage message)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(message);
        if (message.Evidence.Length != 0) return "unexpected evidence";
        return RawMessageCheck.Check(Name, message.Message, key.GroupKey.Span, key.Scheme);
    }
}
