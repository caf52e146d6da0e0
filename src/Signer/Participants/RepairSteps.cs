using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The steps of one node's share repair, in order: a helper's deltas (<see cref="PrepareDeltas"/>,
/// sealed by <see cref="SealDeltas"/> once every other helper announced its ceremony key), a
/// helper's σ for the recipient (<see cref="BuildSigma"/>), and the recipient's recovery
/// (<see cref="Recover"/>). Every secret is sealed to the single-use ceremony key its recipient
/// announced in a message it signed, and opened with this node's own ceremony key of the run.
/// Pure decisions over the run, under its lock; the participant sends what they produce.
/// </summary>
internal sealed class RepairSteps(NodeContext node, SecretMail mail)
{
    public const string DeltaStep = "delta";
    public const string SigmaStep = "sigma";

    /// <summary>A helper's part 1: its deltas (own one kept, the others held until sealed) and its binding; null with a reason when it holds no share.</summary>
    public string? PrepareDeltas(RepairRun run, BeginCeremony m, NodeId recipient)
    {
        var helpers = m.Participants.Select(ParticipantId.FromNode).ToList();
        var lost = ParticipantId.FromNode(recipient);
        if (!node.Vault.Use(m.Epoch.Number, s => Repair.Part1(helpers, s.Key, lost), out var part1)) return "helper holds no share of the epoch";
        if (!part1.TryGet(out var deltas, out var error)) return error.Failure.ToString();
        // the P-384 key of the epoch is repaired by the same helpers in the same messages
        node.Vault.Use(m.Epoch.Number, s => s.Ecdsa is { } e
            ? ((Result<IReadOnlyList<P384RepairValue>, Crypto.Dkls23.Dkls23Error> Deltas, byte[] Public)?)(P384Repair.Part1(helpers, e.Key, lost), P384PublicPackage.Of(e.Key).ToBytes())
            : null, out var ecdsa);
        IReadOnlyList<P384RepairValue>? ecdsaDeltas = null;
        if (ecdsa is { } part1Ecdsa && !part1Ecdsa.Deltas.TryGet(out ecdsaDeltas, out var ecdsaError))
        {
            foreach (var d in deltas) d.Dispose();
            return "threshold-ECDSA repair: " + ecdsaError.Failure;
        }
        var frostKeys = node.Vault.PublicKeys(m.Epoch.Number)?.ToBytes();
        // the ML-DSA transcript rides last, so the binding of every seal of this helper covers it too
        var publicKeys = frostKeys is null ? null
            : RepairMlDsa.JoinContext(RepairEcdsa.JoinContext(frostKeys, ecdsaDeltas is null ? null : ecdsa!.Value.Public), RepairMlDsa.TranscriptOf(node, m.Epoch.Number));
        if (publicKeys is null)
        {
            foreach (var d in deltas) d.Dispose();
            foreach (var d in ecdsaDeltas ?? []) d.Dispose();
            return "helper holds no share of the epoch";
        }
        lock (run.Gate)
        {
            // the run may have ended while attestation was awaited (aborted, timed out): keep no delta for it
            if (run.Done)
            {
                foreach (var d in deltas) d.Dispose();
                foreach (var d in ecdsaDeltas ?? []) d.Dispose();
                return null;
            }
            if (ecdsaDeltas is not null)
            {
                run.Ecdsa.OwnDelta = ecdsaDeltas.Single(d => d.Recipient == ParticipantId.FromNode(node.Id));
                run.Ecdsa.Outgoing = [.. ecdsaDeltas.Where(d => d.Recipient != ParticipantId.FromNode(node.Id))];
            }
            run.Binding = CeremonyPolicy.Bind(m, SHA256.HashData(publicKeys));
            run.PublicKeys = publicKeys;
            run.OwnDelta = deltas.Single(d => d.Recipient == ParticipantId.FromNode(node.Id));
            run.Outgoing = [.. deltas.Where(d => d.Recipient != ParticipantId.FromNode(node.Id))];
        }
        return null;
    }

    /// <summary>Seals the held deltas once every other helper's ceremony key is in (under the run's lock); null while waiting.</summary>
    public List<CeremonySecretDelivered>? SealDeltas(RepairRun run, BeginCeremony m)
    {
        if (run.Outgoing is not { } outgoing || run.DeltasSent) return null;
        if (!outgoing.All(d => run.CeremonyKeysOf.ContainsKey(NodeId.FromIndex(d.Recipient.Value)))) return null;
        var messages = new List<CeremonySecretDelivered>();
        foreach (var delta in outgoing)
        {
            using (delta)
            {
                var to = NodeId.FromIndex(delta.Recipient.Value);
                var p384 = run.Ecdsa.Outgoing?.Single(d => d.Recipient == delta.Recipient);
                var p384Sealed = p384?.SealTo(run.CeremonyKeysOf[to], mail.RepairContext(node.Id, to, run.Binding!, sigma: false)).Payload;
                p384?.Dispose();
                messages.Add(new CeremonySecretDelivered(m.Ceremony, m.Kind, DeltaStep, node.Id, to,
                    SealedShares.Join(mail.SealDelta(delta, to, run.CeremonyKeysOf[to], run.Binding!), p384Sealed), null));
            }
        }
        run.Outgoing = null;
        run.Ecdsa.Outgoing = null;
        run.DeltasSent = true;
        return messages;
    }

    /// <summary>σ of this helper for the recipient, sealed, with the public key package alongside.</summary>
    public CeremonySecretDelivered? BuildSigma(RepairRun run, BeginCeremony begin, NodeId recipient, out string? failure, out IReadOnlyList<NodeId> culprits)
    {
        failure = null;
        culprits = [];
        var received = new List<RepairDelta> { run.OwnDelta! };
        run.OwnDelta = null;
        var withEcdsa = run.Ecdsa.OwnDelta is not null;
        var receivedEcdsa = new List<P384RepairValue>();
        if (run.Ecdsa.OwnDelta is { } ownEcdsa) receivedEcdsa.Add(ownEcdsa);
        run.Ecdsa.OwnDelta = null;
        try
        {
            foreach (var (from, sealedDelta) in run.SealedDeltas.Where(kv => begin.Participants.Contains(kv.Key)))
            {
                var parts = SealedShares.Split(sealedDelta);
                if (parts is not { } p || mail.OpenDelta(p.Frost, from, run.CeremonyKeys!, run.Binding!) is not { } delta)
                {
                    failure = "a repair delta could not be opened";
                    culprits = [from];
                    return null;
                }
                received.Add(delta);
                if (!withEcdsa) continue;
                if (RepairEcdsa.Open(false, p.P384, run.CeremonyKeys!, mail.RepairContext(from, node.Id, run.Binding!, sigma: false)) is not { } ecdsaDelta)
                {
                    failure = "a threshold-ECDSA repair delta could not be opened";
                    culprits = [from];
                    return null;
                }
                receivedEcdsa.Add(ecdsaDelta);
            }
            var helpers = begin.Participants.Select(ParticipantId.FromNode).ToList();
            if (!Repair.Part2(received, ParticipantId.FromNode(node.Id), helpers).TryGet(out var sum, out var e))
            {
                failure = e.Failure.ToString();
                culprits = [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value))];
                return null;
            }
            byte[]? ecdsaSigma = null;
            if (withEcdsa)
            {
                if (!P384Repair.Part2(receivedEcdsa, ParticipantId.FromNode(node.Id), helpers).TryGet(out var ecdsaSum, out var ee))
                {
                    sum.Dispose();
                    failure = "threshold-ECDSA repair: " + ee.Failure;
                    culprits = [.. ee.Culprits.Select(c => NodeId.FromIndex(c.Value))];
                    return null;
                }
                using (ecdsaSum)
                    ecdsaSigma = ecdsaSum.SealTo(run.CeremonyKeysOf[recipient], mail.RepairContext(node.Id, recipient, run.Binding!, sigma: true)).Payload;
            }
            using (sum)
            {
                // the ML-DSA package goes only where this helper vouched for the transcript; a share lost
                // since (the epoch discarded meanwhile) fails this helper's run rather than send a vouched
                // transcript without its package, which the recipient would blame on this honest helper
                byte[]? mlDsaSealed = null;
                if (RepairMlDsa.SplitContext(run.PublicKeys!).Transcript is not null
                    && (mlDsaSealed = RepairMlDsa.SealPackage(node, begin.Epoch.Number, recipient, run.CeremonyKeysOf[recipient],
                        mail.RepairContext(node.Id, recipient, run.Binding!, sigma: true))) is null)
                {
                    failure = "this helper no longer holds the ML-DSA share it vouched for";
                    return null;
                }
                // the package sent alongside is the one the binding hashes: the seal vouches for it
                // sealed to the ceremony key the recipient announced in a message it signed
                return new CeremonySecretDelivered(begin.Ceremony, begin.Kind, SigmaStep, node.Id, recipient,
                    SealedShares.Join(mail.SealSigma(sum, recipient, run.CeremonyKeysOf[recipient], run.Binding!), ecdsaSigma), run.PublicKeys, mlDsaSealed);
            }
        }
        finally
        {
            foreach (var d in received) d.Dispose();
            foreach (var d in receivedEcdsa) d.Dispose();
        }
    }

    public CeremonyFinished HelperFinished(BeginCeremony begin)
    {
        var publicKeys = node.Vault.PublicKeys(begin.Epoch.Number)!;
        var own = publicKeys.VerifyingShares[ParticipantId.FromNode(node.Id)];
        node.Vault.Use(begin.Epoch.Number, s => s.Ecdsa is { } e ? (e.Key.PublicKey.Encode(), e.Key.PublicShares[e.Key.Self].Encode()) : default, out var ecdsa);
        return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true,
            publicKeys.VerifyingKey.Encoding.ToArray(), own.Encoding.ToArray(), [], null, ecdsa.Item1, ecdsa.Item2, RepairMlDsa.PublicKeyOf(node, begin.Epoch.Number));
    }

    /// <summary>The recipient's share from every helper's σ, checked against the agreed public package.</summary>
    public CeremonyFinished? Recover(RepairRun run, BeginCeremony begin, out string? failure, out IReadOnlyList<NodeId> culprits)
    {
        failure = null;
        culprits = [];
        var entries = run.SealedSigmas.Where(kv => begin.Participants.Contains(kv.Key)).ToList();
        var contexts = entries.Select(kv => kv.Value.PublicKeys).ToList();
        if (contexts.Any(c => c is null) || contexts.Select(c => Convert.ToHexString(c!)).Distinct().Count() != 1)
        {
            failure = "helpers disagree on the public key package";
            return null;
        }
        var (classicalContext, mlDsaTranscript) = RepairMlDsa.SplitContext(contexts[0]!);
        var (frostContext, ecdsaContext) = RepairEcdsa.SplitContext(classicalContext);
        var ecdsaPublic = ecdsaContext is null ? null : P384PublicPackage.FromBytes(ecdsaContext);
        if (ecdsaContext is not null && (ecdsaPublic is null || ecdsaPublic.Threshold != begin.Threshold))
        {
            failure = "malformed threshold-ECDSA public package, or one of another threshold";
            return null;
        }
        if (!PublicKeyPackage.FromBytes(frostContext).TryGet(out var publicKeys, out _) || publicKeys.MinSigners != begin.Threshold)
        {
            failure = "malformed public key package, or one of another threshold";
            return null;
        }
        // each helper vouches for this package inside its σ's authenticated seal context
        var binding = CeremonyPolicy.Bind(begin, SHA256.HashData(contexts[0]!));
        var sigmas = new List<RepairSigma>();
        var ecdsaSigmas = new List<P384RepairValue>();
        try
        {
            foreach (var (from, value) in entries)
            {
                var parts = SealedShares.Split(value.Sealed);
                if (parts is not { } p || mail.OpenSigma(p.Frost, from, run.CeremonyKeys!, binding) is not { } sigma)
                {
                    failure = "a repair sigma could not be opened";
                    culprits = [from];
                    return null;
                }
                sigmas.Add(sigma);
                if (ecdsaPublic is null) continue;
                if (RepairEcdsa.Open(true, p.P384, run.CeremonyKeys!, mail.RepairContext(from, node.Id, binding, sigma: true)) is not { } ecdsaSigma)
                {
                    failure = "a threshold-ECDSA repair sigma could not be opened";
                    culprits = [from];
                    return null;
                }
                ecdsaSigmas.Add(ecdsaSigma);
            }
            if (!Repair.Part3(sigmas, ParticipantId.FromNode(node.Id), publicKeys).TryGet(out var key, out var e))
            {
                failure = e.Failure.ToString();
                return null;
            }
            KeyShare? ecdsaKey = null;
            if (ecdsaPublic is not null && !P384Repair.Part3(ecdsaSigmas, ParticipantId.FromNode(node.Id), ecdsaPublic).TryGet(out ecdsaKey, out var ee))
            {
                key.Dispose();
                failure = "threshold-ECDSA repair: " + ee.Failure;
                return null;
            }
            (Crypto.MlDsa.PartyKeyShare Share, Crypto.MlDsa.Dkg.DkgTranscript Transcript, IReadOnlyList<NodeId> Culprits)? mlDsa = null;
            if (mlDsaTranscript is not null)
            {
                var packages = entries.Select(kv => (kv.Key, kv.Value.MlDsa)).ToList();
                if (!RepairMlDsa.Accept(node.Id, mlDsaTranscript, packages, run.CeremonyKeys!, from => mail.RepairContext(from, node.Id, binding, sigma: true))
                        .TryGet(out var accepted, out var me))
                {
                    key.Dispose();
                    ecdsaKey?.Dispose();
                    failure = "threshold ML-DSA-65 repair: " + me;
                    culprits = DkgMlDsa.Culprits(me);
                    return null;
                }
                mlDsa = accepted;
            }
            var verifyingShare = key.VerifyingShare.Encoding.ToArray();
            var ecdsaGroupKey = ecdsaKey?.PublicKey.Encode();
            var ecdsaShare = ecdsaKey?.PublicShares[ecdsaKey.Self].Encode();
            node.Vault.Store(begin.Epoch.Number, key, publicKeys);
            // after the FROST share; its Changed starts this node's pairwise setups with every holder
            if (ecdsaKey is not null) node.Vault.StoreEcdsa(begin.Epoch.Number, ecdsaKey);
            var mlDsaKey = mlDsa?.Transcript.PublicKey.Encoding.ToArray();
            if (mlDsa is { } m) node.Vault.StoreMlDsa(begin.Epoch.Number, m.Share, m.Transcript);
            SignerLog.ShareStored(node.Logger, node.Id, begin.Epoch.Number);
            // helpers left out of the ML-DSA half are named even though the others covered it
            var leftOut = mlDsa?.Culprits ?? [];
            if (leftOut.Count > 0) SignerLog.MlDsaRepairHelpersLeftOut(node.Logger, node.Id, begin.Ceremony, string.Join(",", leftOut));
            return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true,
                publicKeys.VerifyingKey.Encoding.ToArray(), verifyingShare, leftOut, null, ecdsaGroupKey, ecdsaShare, mlDsaKey);
        }
        finally
        {
            foreach (var s in sigmas) s.Dispose();
            foreach (var s in ecdsaSigmas) s.Dispose();
        }
    }
}
