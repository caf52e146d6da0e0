using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Messages;
using CcTsa.Crypto.Ed25519;

namespace CcTsa.Crypto.Frost.Dkg;

/// <summary>
/// Settles a complaint about a DKG/refresh round-2 share from public evidence only, so every
/// participant and the control plane reach the same verdict. The complainer reveals its ceremony
/// private key: safe, because the ceremony is being aborted and that key was made for it alone, and
/// sound, because the key is checked against the public key the complainer signed in round 1 and
/// the AEAD key then follows deterministically from it and the sender's ephemeral public key (no
/// second key can open the ciphertext to another plaintext). Checks, in order:
/// the accused really signed the delivery carrying the payload (else nobody is named); the revealed
/// key is the complainer's signed ceremony key (else nobody); the payload names that key and opens
/// under the share's context (else the accused); the share passes the accused's Feldman commitment
/// (else the accused; if it does, the complainer lied).
/// </summary>
public static class ShareComplaint
{
    /// <summary>
    /// The group-specific last step: open the share with the revealed key and check it against the
    /// accused's commitment (<see cref="ShareJudge{TGroup, TPoint}"/> for each group).
    /// </summary>
    public delegate ComplaintVerdict OpenedCheck(SealedSecret sealedSecret, ChannelKeyPair revealed, ShareComplaintEvidence evidence);

    /// <summary>A complaint about the Ed25519 (FROST) share.</summary>
    public static ComplaintVerdict Judge(ShareComplaintEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Judge(evidence, ShareJudge<Ed25519PrimeOrderGroup, Point>.Against<Round2Package>(evidence.AccusedCommitment?.Coefficients, Round2Package.Open));
    }

    /// <summary>
    /// The group-independent checks (signature, revealed key, sealed-to key), then <paramref name="check"/>
    /// for the share itself.
    /// </summary>
    public static ComplaintVerdict Judge(ShareComplaintEvidence evidence, OpenedCheck check)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(check);
        var e = evidence;
        if (e.DeliveryDigestOf is null || e.DeliverySignature is null || e.Sealed is null || e.RevealedKey is null)
            return ComplaintVerdict.Unproven("incomplete evidence");
        // the digest of a delivery carrying exactly this payload: a signature over it proves the accused sent it
        var digest = e.DeliveryDigestOf(e.Sealed);
        if (digest is not { Length: MessageSignatureInput.BodyDigestSize })
            return ComplaintVerdict.Unproven("incomplete evidence");
        var input = MessageSignatureInput.Compute(nameof(CeremonySecretDelivered), e.Accused.Value, e.Complainer.Value, e.DeliverySequence, digest);
        if (!NodeSigningKey.Verify(e.AccusedSigningKey, input, e.DeliverySignature))
            return ComplaintVerdict.Unproven($"the delivery carrying this share is not signed by {e.Accused}");
        using var revealed = ChannelKeyPair.FromRevealed(e.RevealedKey);
        if (revealed is null || revealed.PublicKey != e.ComplainerCeremonyKey)
            return ComplaintVerdict.Unproven($"the revealed key is not the ceremony key {e.Complainer} signed");
        var sealedSecret = new SealedSecret(e.Sealed);
        if (ChannelSeal.SealedTo(sealedSecret) is not { } sealedTo)
            return ComplaintVerdict.Accused(e.Accused, $"{e.Accused} sent a malformed sealed share");
        if (sealedTo != e.ComplainerCeremonyKey)
            return ComplaintVerdict.Accused(e.Accused, $"{e.Accused} sealed the share to a key {e.Complainer} never announced");
        return check(sealedSecret, revealed, e);
    }
}
