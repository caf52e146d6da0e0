using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Part 3 of a DKG/refresh run for one participant: open every round-2 share with the run's
/// ceremony key and check it against its sender's commitment. All good: the new key is held back
/// (pending) until every other participant accepted its shares too, then stored (<see cref="Finish"/>).
/// A share that does not open or fails its commitment: a <see cref="CeremonyComplaintFiled"/> with
/// the sender's own signed delivery and this node's ceremony private key as evidence, and the run
/// fails naming the senders this node has just proven at fault.
/// </summary>
internal sealed class DkgShareCheck(NodeContext node, SecretMail mail)
{
    public sealed record Outcome(
        (KeyPackage Key, PublicKeyPackage PublicKeys)? Keys,
        IReadOnlyList<CeremonyComplaintFiled> Complaints,
        (string Reason, IReadOnlyList<NodeId> Culprits)? Failure);

    public Outcome Check(CeremonyRun run, BeginCeremony begin, Round2SecretPackage s2)
    {
        var opened = new List<Round2Package>();
        var openedEcdsa = new List<DkgRound2>();
        var accused = new List<NodeId>();
        try
        {
            foreach (var (from, delivery) in run.SealedRound2.Where(kv => begin.Participants.Contains(kv.Key)))
            {
                var parts = SealedShares.Split(delivery.Message.Sealed);
                if (parts is { } p && mail.OpenRound2(p.Frost, from, run.CeremonyKeys!, run.Binding!, run.Transcript!) is { } package)
                {
                    opened.Add(package);
                    if (run.Ecdsa.Enabled && OpenEcdsa(run, from, p.P384) is { } share) openedEcdsa.Add(share);
                    else if (run.Ecdsa.Enabled) accused.Add(from);
                }
                else accused.Add(from);
            }
            if (accused.Count == 0)
            {
                var result = begin.Kind == CeremonyKind.Dkg
                    ? Dealerless.Part3(s2, [.. DkgSteps.From(run.Round1, begin)], opened)
                    : RefreshShares(begin.Epoch.Number, s2, [.. DkgSteps.From(run.RefreshRound1, begin)], opened);
                if (result is null) return new Outcome(null, [], ("the share of the epoch is gone", []));
                if (result.Value.TryGet(out var keys, out var e)) return WithEcdsa(run, begin, keys, openedEcdsa, accused) ?? Complain(run, begin, accused);
                if (e.Failure != Crypto.Frost.FrostFailure.InvalidSecretShare) return new Outcome(null, [], (e.Failure.ToString(), DkgSteps.Culprits(e)));
                accused.AddRange(DkgSteps.Culprits(e));
            }
            return Complain(run, begin, accused);
        }
        finally
        {
            foreach (var p in opened) p.Dispose();
            foreach (var p in openedEcdsa) p.Dispose();
            s2.Dispose();
            run.Secret2 = null;
        }
    }

    /// <summary>
    /// Part 3 of the P-384 half once the FROST half succeeded: the outcome with both keys pending, or
    /// null after adding the dealers of bad P-384 shares to <paramref name="accused"/> (the FROST keys are wiped).
    /// </summary>
    private Outcome? WithEcdsa(CeremonyRun run, BeginCeremony begin, (KeyPackage Key, PublicKeyPackage PublicKeys) keys,
        List<DkgRound2> openedEcdsa, List<NodeId> accused)
    {
        if (!run.Ecdsa.Enabled) return new Outcome(keys, [], null);
        var result = run.Ecdsa.Finish(node, begin, openedEcdsa);
        if (result.TryGet(out var share, out var e))
        {
            run.Ecdsa.Pending = share;
            return new Outcome(keys, [], null);
        }
        keys.Key.Dispose();
        var culprits = e.Culprits.Select(c => NodeId.FromIndex(c.Value)).ToList();
        if (e.Failure != Dkls23Failure.InvalidSecretShare) return new Outcome(null, [], ("threshold-ECDSA part 3: " + e.Failure, culprits));
        accused.AddRange(culprits);
        return null;
    }

    private DkgRound2? OpenEcdsa(CeremonyRun run, NodeId from, byte[]? sealedShare) =>
        sealedShare is not null && DkgRound2.Open(new SealedSecret(sealedShare), run.CeremonyKeys!, SecretMail.Round2Context(from, node.Id, run.Binding!, run.Transcript!))
            .TryGet(out var share, out _) && share.From == ParticipantId.FromNode(from) ? share : null;

    /// <summary>Stores the pending key once every other participant accepted; the run is done and wiped.</summary>
    public CeremonyFinished Finish(CeremonyRun run, BeginCeremony begin)
    {
        var (key, publicKeys) = run.Pending!.Value;
        run.Pending = null;
        var groupKey = publicKeys.VerifyingKey.Encoding.ToArray();
        var verifyingShare = key.VerifyingShare.Encoding.ToArray();
        var ecdsa = run.Ecdsa.Pending;
        run.Ecdsa.Pending = null;
        var ecdsaKey = ecdsa?.PublicKey.Encode();
        var ecdsaShare = ecdsa is null ? null : ecdsa.PublicShares[ecdsa.Self].Encode();
        var mlDsa = run.MlDsa.Pending;
        run.MlDsa.Pending = null;
        var mlDsaKey = mlDsa?.Transcript.PublicKey.Encoding.ToArray();
        // before the store: the commitments the store's change primes anew must not be forgotten with the old ones
        node.Stock.ForgetEpoch(begin.Epoch.Number);
        node.Vault.Store(begin.Epoch.Number, key, publicKeys);
        // after the FROST share (the vault keeps both in one epoch entry); raises Changed: the pairwise setups start
        if (ecdsa is not null) node.Vault.StoreEcdsa(begin.Epoch.Number, ecdsa);
        if (mlDsa is { } m) node.Vault.StoreMlDsa(begin.Epoch.Number, m.Share, m.Transcript);
        run.Done = true;
        run.Dispose();
        SignerLog.ShareStored(node.Logger, node.Id, begin.Epoch.Number);
        return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true, groupKey, verifyingShare, [], null, ecdsaKey, ecdsaShare, mlDsaKey);
    }

    /// <summary>
    /// One complaint per bad sender. The ceremony private key goes into the evidence: revealing it is
    /// safe because it was made for this ceremony alone and this ceremony now aborts (every secret
    /// sealed to it is discarded), and it lets every judge open the disputed share itself.
    /// </summary>
    private Outcome Complain(CeremonyRun run, BeginCeremony begin, List<NodeId> accused)
    {
        var revealed = run.CeremonyKeys!.RevealForComplaint();
        var complaints = accused.Distinct().Select(a =>
        {
            var d = run.SealedRound2[a];
            return new CeremonyComplaintFiled(begin.Ceremony, begin.Kind, node.Id, a, d.Message, d.Sequence, d.Signature, revealed);
        }).ToList();
        var names = string.Join(",", accused.Distinct());
        return new Outcome(null, complaints, ($"the round-2 share of {names} did not open or failed its commitment (complaint filed with evidence)", [.. accused.Distinct()]));
    }

    /// <summary>Part 3 of a refresh, against the current share (null when it is no longer held).</summary>
    private Result<(KeyPackage Key, PublicKeyPackage PublicKeys), FrostError>? RefreshShares(
        int epoch, Round2SecretPackage s2, IReadOnlyCollection<RefreshRound1Package> round1, IReadOnlyCollection<Round2Package> round2) =>
        node.Vault.Use(epoch, s => Refresh.Part3(s2, round1, round2, s.Key, s.PublicKeys), out var result) ? result : null;
}
