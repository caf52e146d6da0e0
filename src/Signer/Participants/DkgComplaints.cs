using System.Security.Cryptography;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Hosting;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Judges a peer's complaint about a DKG/refresh round-2 share with <see cref="ShareComplaint.Judge"/>,
/// taking from the complaint only what its signatures and keys prove, and everything else from this
/// node's own verified view: the accused's attested message key, the complainer's ceremony key and
/// the accused's commitment as signed in round 1 and confirmed by the transcript exchange, and the
/// share's seal context. A bad share names the accused, a valid one the complainer (framing an
/// honest sender fails), unverifiable evidence nobody.
/// </summary>
internal sealed class DkgComplaints(NodeContext node)
{
    public ComplaintVerdict Judge(CeremonyRun run, BeginCeremony begin, CeremonyComplaintFiled complaint)
    {
        var c = complaint;
        var d = c.Delivery;
        try
        {
            if (d is null || d.Ceremony != begin.Ceremony || d.Kind != begin.Kind || d.From != c.Accused || d.To != c.From
                || d.Step != SecretMail.Round2Step || d.Sealed is null || c.Accused == c.From
                || !begin.Participants.Contains(c.Accused) || !begin.Participants.Contains(c.From))
                return ComplaintVerdict.Unproven("the complaint does not concern a round-2 share of this ceremony");
            var accusedKey = c.Accused == node.Id ? node.SigningKey.PublicKey : node.Peers.SigningKey(c.Accused);
            if (accusedKey is null) return ComplaintVerdict.Unproven($"{c.Accused} is not attested here");
            if (!run.CeremonyKeysOf.TryGetValue(c.From, out var complainerKey))
                return ComplaintVerdict.Unproven($"no ceremony key of {c.From} in the confirmed round-1 view");
            var commitment = c.Accused == node.Id ? run.OwnCommitment
                : begin.Kind == CeremonyKind.Dkg ? run.Round1.GetValueOrDefault(c.Accused)?.Commitment
                : run.RefreshRound1.GetValueOrDefault(c.Accused)?.Commitment;
            if (commitment is null) return ComplaintVerdict.Unproven($"no commitment of {c.Accused} in the confirmed round-1 view");
            // the delivery carries the Ed25519 seal and, in a ceremony with an ECDSA part, the P-384 seal:
            // each half is judged with the digest of the whole delivery as signed, the other half kept as sent
            if (Crypto.Channel.SealedShares.Split(d.Sealed) is not { } parts)
                return ComplaintVerdict.Unproven("the disputed delivery carries no share of a known form");
            var evidence = new ShareComplaintEvidence(c.Accused, c.From, c.DeliverySequence,
                payload => CanonicalBody.Digest(d with { Sealed = Crypto.Channel.SealedShares.Join(payload, parts.P384) }, typeof(CeremonySecretDelivered)),
                c.DeliverySignature, parts.Frost, c.RevealedCeremonyKey,
                accusedKey, complainerKey, commitment, SecretMail.Round2Context(c.Accused, c.From, run.Binding!, run.Transcript!));
            var verdict = ShareComplaint.Judge(evidence);
            if (verdict.Finding != ComplaintFinding.ComplainerAtFault || !run.Ecdsa.Enabled) return verdict;
            if (parts.P384 is null) return ComplaintVerdict.Accused(c.Accused, $"{c.Accused} sent no P-384 share");
            if (run.Ecdsa.JudgeOf(c.Accused, begin.Kind, begin.Threshold) is not { } check)
                return ComplaintVerdict.Unproven($"no P-384 commitment of {c.Accused} in the confirmed round-1 view");
            var ecdsaEvidence = evidence with
            {
                DeliveryDigestOf = payload => CanonicalBody.Digest(d with { Sealed = Crypto.Channel.SealedShares.Join(parts.Frost, payload) }, typeof(CeremonySecretDelivered)),
                Sealed = parts.P384,
            };
            return ShareComplaint.Judge(ecdsaEvidence, check);
        }
        finally
        {
            // a dead single-use key, but key material all the same: not kept past the judgement
            if (c.RevealedCeremonyKey is { } revealed) CryptographicOperations.ZeroMemory(revealed);
        }
    }
}
