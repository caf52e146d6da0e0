using CcTsa.Signer.Coordinator;
using CcTsa.Signer.Schemes;

namespace CcTsa.Signer.Purposes;

/// <summary>
/// What a node agrees to sign, per purpose: the one thing that differs between an RFC 3161 batch,
/// a CSR and a transparency-log tree head. Participants ask it before releasing any share and the coordinator
/// before it starts, so the threshold key never signs anything no purpose accepts. Pure apart from
/// reading this node's clock and installed certificates; never throws on untrusted input.
/// </summary>
internal interface ISigningPurpose
{
    /// <summary>The name carried in ProduceSignatureShares.Purpose.</summary>
    string Name { get; }

    /// <summary>Whether this node can sign for this purpose in <paramref name="key"/>'s epoch at all; null when it can.</summary>
    string? CheckRound(SchemeEpoch key);

    /// <summary>Null when <paramref name="message"/> is acceptable, otherwise the reason for refusing.</summary>
    string? Check(SchemeEpoch key, PreparedMessage message);
}
