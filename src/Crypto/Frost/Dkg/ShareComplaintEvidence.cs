using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// Everything a judge needs to settle a complaint about one DKG/refresh round-2 share. The first
/// group comes from the complaint (untrusted until checked): the accused's signed delivery — its
/// sequence number, signature and the sealed payload it carries, with the function that gives the
/// body digest the accused signed for a delivery carrying a given payload (the bus contract's digest,
/// see <see cref="Messages.MessageSignatureInput"/>; the judge applies it to <c>Sealed</c>, so the
/// signature holds only for the payload really sent) — and the complainer's revealed ceremony
/// private key. The second group is the judge's own, from sources it already verified: the
/// accused's attested message key, the complainer's ceremony public key and the accused's Feldman
/// commitment as both were signed in round 1 (and confirmed by the transcript exchange), and the
/// seal context (binding and transcript) of that share. Holds a dead single-use key: never log it.
/// </summary>
public sealed record ShareComplaintEvidence(
    NodeId Accused,
    NodeId Complainer,
    long DeliverySequence,
    Func<byte[], byte[]> DeliveryDigestOf,
    byte[] DeliverySignature,
    byte[] Sealed,
    byte[] RevealedKey,
    byte[] AccusedSigningKey,
    ChannelPublicKey ComplainerCeremonyKey,
    FeldmanCommitment AccusedCommitment,
    SealContext Context)
{
    public override string ToString() => $"ShareComplaintEvidence({Complainer} accuses {Accused}, [redacted])";
}
