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
            var evidence = new ShareComplaintEvidence(c.Accused, c.From, c.DeliverySequence,
                payload => CanonicalBody.Digest(d with { Sealed = payload }, typeof(CeremonySecretDelivered)), c.DeliverySignature, d.Sealed, c.RevealedCeremonyKey,
                accusedKey, complainerKey, commitment, SecretMail.Round2Context(c.Accused, c.From, run.Binding!, run.Transcript!));
            return ShareComplaint.Judge(evidence);
        }
        finally
        {
            // a dead single-use key, but key material all the same: not kept past the judgement
            if (c.RevealedCeremonyKey is { } revealed) CryptographicOperations.ZeroMemory(revealed);
        }
    }
}
