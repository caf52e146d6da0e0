using CcTsa.Crypto.Dkls23.Mul;
using CcTsa.Crypto.Dkls23.Ot;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Dkls23.Sign;

/// <summary>Protocol 3.6 round 1, broadcast: com_i = H(sid, sigid, i, R_i, salt_i).</summary>
public sealed record SignRound1Broadcast(ParticipantId From, byte[] Commitment)
{
    public override string ToString() => $"SignRound1Broadcast({From})";
}

/// <summary>
/// Protocol 3.6 round 1, to each peer j: the RVOLE/OT-extension message with From as Bob, To as
/// Alice, and the tag of the pair setup Bob's side comes from (<see cref="Setup.PairState.Tag"/>, public),
/// which Alice compares with hers before touching the OT rows.
/// </summary>
public sealed record SignRound1P2p(ParticipantId From, ParticipantId To, OteMessage Ote, byte[] PairTag)
{
    public override string ToString() => $"SignRound1P2p({From}→{To})";
}

/// <summary>
/// Protocol 3.6 round 2, to each peer j: the RVOLE reply with From as Alice (inputs r_i, sk_i),
/// Γ^u = c^u·G, Γ^v = c^v·G, ψ_{i,j} = φ_i − χ_{i,j}, pk_i, the decommitment (R_i, salt_i) and the
/// echo H(all R1 commitments) that catches an equivocated broadcast (P9). All points/scalars SEC1/48-byte.
/// </summary>
public sealed record SignRound2P2p(ParticipantId From, ParticipantId To, RvoleMessage Rvole, byte[] GammaU, byte[] GammaV,
    byte[] Psi, byte[] PublicKeyShare, byte[] Nonce, byte[] Salt, byte[] Echo)
{
    public override string ToString() => $"SignRound2P2p({From}→{To})";
}

/// <summary>Protocol 3.6 round 3, broadcast: (u_i, w_i), R and the digest H(sigid, R, PK, m) for the combiner.</summary>
public sealed record PartialSignature(ParticipantId From, byte[] Nonce, byte[] U, byte[] W, byte[] Digest)
{
    public override string ToString() => $"PartialSignature({From})";
}
