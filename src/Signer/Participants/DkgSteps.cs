using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The steps of one participant's DKG/refresh run, in order: part 1 (<see cref="Start"/>), the
/// round-1 transcript confirmation, part 2 (round-2 shares sealed to the ceremony keys of the
/// confirmed view), the check of the shares received (<see cref="DkgShareCheck"/>: acceptance or
/// complaints), the judging of peers' complaints (<see cref="DkgComplaints"/>), and storing the
/// new share once every other participant accepted. Pure decisions over the run, under its lock;
/// the participant sends what they produce.
/// </summary>
internal sealed class DkgSteps(NodeContext node, SecretMail mail)
{
    private readonly DkgShareCheck _shares = new(node, mail);
    private readonly DkgComplaints _complaints = new(node);

    /// <summary>Part 1 of a DKG or refresh: the secret polynomial and the public broadcast bytes.</summary>
    public (Round1SecretPackage Secret, byte[] Broadcast)? Start(BeginCeremony m, CeremonyBinding binding, out string? error)
    {
        error = null;
        var self = ParticipantId.FromNode(node.Id);
        try
        {
            if (m.Kind == CeremonyKind.Dkg)
            {
                var (secret, broadcast) = Dealerless.Part1(self, binding);
                return (secret, broadcast.ToBytes());
            }
            if (!node.Vault.Holds(m.Epoch.Number))
            {
                error = "refresh needs the current share of the epoch";
                return null;
            }
            // no proof of knowledge (φ_0 is zero); the binding reaches refresh through the transcript and the seals
            var (refreshSecret, refreshBroadcast) = Refresh.Part1(self, binding.MaxSigners, binding.Threshold);
            return (refreshSecret, refreshBroadcast.ToBytes());
        }
        catch (ArgumentException)
        {
            error = "invalid threshold or participant count";
            return null;
        }
    }

    /// <summary>The next step the run is ready for; null when it waits (or has ended).</summary>
    public DkgStep? Next(CeremonyRun run)
    {
        lock (run.Gate)
        {
            if (run.Done || run.Begin is not { } begin || run.Binding is not { } binding) return null;
            var others = begin.Participants.Count - 1;
            CeremonyTranscriptConfirmed? confirm = null;
            if (run.Secret1 is not null && run.Transcript is null && run.Round1Count(begin.Participants) >= others)
            {
                run.Transcript = CeremonyTranscript.Hash(binding,
                    run.Round1Bytes.Where(kv => begin.Participants.Contains(kv.Key)).Select(kv => (ParticipantId.FromNode(kv.Key), kv.Value)));
                confirm = new CeremonyTranscriptConfirmed(begin.Ceremony, begin.Kind, node.Id, run.Transcript);
            }
            var confirmed = run.Transcripts.Where(kv => begin.Participants.Contains(kv.Key)).ToList();
            IReadOnlyList<CeremonySecretDelivered> deliveries = [];
            if (run.Secret1 is { } s1 && run.Transcript is { } transcript && !run.Round2Sent && confirmed.Count >= others)
            {
                // a differing hash proves the views differ, not who made them differ: blame nobody
                if (!confirmed.All(kv => CeremonyTranscript.Agree(kv.Value, transcript)))
                    return Fail(confirm, [], "round-1 transcripts differ: participants were shown different packages or parameters", []);
                // in a DKG every participant must deal the P-384 key too (its signed broadcast lacking it names it);
                // a refresh may meet an epoch some hold no ECDSA share of: abort, nobody proven at fault
                if (run.Ecdsa.Disagreeing(begin) is { Count: > 0 } odd)
                    return Fail(confirm, [], $"participants disagree on whether the ceremony has a threshold-ECDSA part: {string.Join(",", odd)}",
                        begin.Kind == CeremonyKind.Dkg ? [.. odd.Where(p => !run.Ecdsa.Round1.ContainsKey(p))] : []);
                // a DKG of all five makes the ML-DSA key too: a participant whose signed broadcast lacks it is named;
                // a refresh re-keys it only where every participant holds a share: one holding none (repaired before
                // repairs carried ML-DSA) is no proven culprit, and nobody keeps a new key the others lack
                if (run.MlDsa.Missing(begin) is { Count: > 0 } lacking)
                    return Fail(confirm, [], $"participants sent no threshold ML-DSA-65 commitments: {string.Join(",", lacking)}",
                        begin.Kind == CeremonyKind.Dkg ? lacking : []);
                deliveries = Round2(run, begin, binding, transcript, s1, out var failure);
                if (failure is { } f) return Fail(confirm, [], f.Reason, f.Culprits);
            }
            // complaints are judged only on a view every participant confirmed (round 2 is sent only then)
            if (run.Round2Sent && run.Complaints.Count > 0)
            {
                var complaint = run.Complaints[0];
                var verdict = _complaints.Judge(run, begin, complaint);
                SignerLog.ComplaintJudged(node.Logger, node.Id, begin.Ceremony, complaint.From, complaint.Accused, verdict.Finding.ToString());
                return Fail(confirm, deliveries, $"complaint by {complaint.From} against {complaint.Accused}: {verdict.Reason}",
                    verdict.Culprit is { } culprit ? [culprit] : []);
            }
            CeremonySharesAccepted? accepted = null;
            if (run.Secret2 is { } s2 && !run.SharesChecked && run.SealedRound2.Keys.Count(begin.Participants.Contains) >= others)
            {
                run.SharesChecked = true;
                var check = _shares.Check(run, begin, s2);
                if (check.Failure is { } f) return new DkgStep(confirm, deliveries, null, check.Complaints, f, null);
                run.Pending = check.Keys;
                byte[]? masked = null;
                if (run.MlDsa.Enabled)
                {
                    // the sender's openings were checked against its signed commitments: a mismatch is its doing
                    if (!run.MlDsa.Mask(node, run, begin).TryGet(out masked, out var e))
                        return Fail(confirm, deliveries, "threshold ML-DSA-65 DKG round 3: " + e, DkgMlDsa.Culprits(e));
                }
                accepted = new CeremonySharesAccepted(begin.Ceremony, begin.Kind, node.Id, run.Transcript!, masked);
            }
            CeremonyFinished? finished = null;
            if (run.Pending is not null && run.Accepted.Count(begin.Participants.Contains) >= others)
            {
                if (run.MlDsa.Enabled && run.MlDsa.Pending is null)
                {
                    if (!run.MlDsa.Finish(begin).TryGet(out var mlDsa, out var e))
                        return Fail(confirm, deliveries, "threshold ML-DSA-65 DKG finish: " + e, DkgMlDsa.Culprits(e));
                    run.MlDsa.Pending = mlDsa;
                }
                finished = _shares.Finish(run, begin);
            }
            var step = new DkgStep(confirm, deliveries, accepted, [], null, finished);
            return step.IsEmpty ? null : step;
        }
    }

    /// <summary>Part 2: each round-2 share sealed to its recipient's ceremony key from the confirmed round-1 view.</summary>
    private List<CeremonySecretDelivered> Round2(CeremonyRun run, BeginCeremony begin, CeremonyBinding binding, byte[] transcript,
        Round1SecretPackage s1, out (string Reason, IReadOnlyList<NodeId> Culprits)? failure)
    {
        failure = null;
        var part2 = begin.Kind == CeremonyKind.Dkg
            ? Dealerless.Part2(s1, [.. From(run.Round1, begin)])
            : Refresh.Part2(s1, [.. From(run.RefreshRound1, begin)]);
        s1.Dispose();
        run.Secret1 = null;
        if (!part2.TryGet(out var p2, out var e2))
        {
            failure = (e2.Failure.ToString(), Culprits(e2));
            return [];
        }
        run.Secret2 = p2.Secret;
        run.Round2Sent = true;
        var ecdsa = run.Ecdsa.SealShares(node, begin, binding, transcript, run.CeremonyKeysOf);
        if (!ecdsa.TryGet(out var ecdsaSealed, out var ecdsaError))
        {
            foreach (var outgoing in p2.Outgoing) outgoing.Dispose();
            failure = ("threshold-ECDSA round 1: " + ecdsaError.Failure, [.. ecdsaError.Culprits.Select(c => NodeId.FromIndex(c.Value))]);
            return [];
        }
        var mlDsa = run.MlDsa.Send(node, begin, binding, transcript, run.CeremonyKeysOf);
        if (!mlDsa.TryGet(out var mlDsaSent, out var mlDsaError))
        {
            foreach (var outgoing in p2.Outgoing) outgoing.Dispose();
            failure = ("threshold ML-DSA-65 DKG round 1: " + mlDsaError, DkgMlDsa.Culprits(mlDsaError));
            return [];
        }
        var toSend = new List<CeremonySecretDelivered>();
        foreach (var outgoing in p2.Outgoing)
        {
            using (outgoing)
            {
                var to = NodeId.FromIndex(outgoing.Recipient.Value);
                // the key the recipient signed in round 1 and every participant confirmed in the transcript
                var key = run.CeremonyKeysOf[to];
                // one delivery, both keys' shares: the node signature covers the pair
                var sealedShares = SealedShares.Join(mail.SealRound2(outgoing, to, key, binding, transcript), ecdsaSealed.GetValueOrDefault(to));
                toSend.Add(new CeremonySecretDelivered(begin.Ceremony, begin.Kind, SecretMail.Round2Step, node.Id, to, sealedShares, null,
                    mlDsaSent.Sealed.GetValueOrDefault(to), mlDsaSent.Rho));
            }
        }
        return toSend;
    }

    private static DkgStep Fail(CeremonyTranscriptConfirmed? confirm, IReadOnlyList<CeremonySecretDelivered> deliveries, string reason, IReadOnlyList<NodeId> culprits) =>
        new(confirm, deliveries, null, [], (reason, culprits), null);

    internal static IEnumerable<T> From<T>(Dictionary<NodeId, T> packages, BeginCeremony begin) =>
        packages.Where(kv => begin.Participants.Contains(kv.Key)).Select(kv => kv.Value);

    internal static IReadOnlyList<NodeId> Culprits(FrostError e) => [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value))];
}
