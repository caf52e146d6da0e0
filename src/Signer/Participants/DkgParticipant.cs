using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Dealerless DKG and proactive refresh (same three parts; refresh deals zero-constant polynomials
/// so the group key stays and old shares become useless). Round 1 is broadcast (public); each
/// round-2 share is sealed to its recipient's attested channel key and sent point-to-point, so the
/// broker and control plane only ever see ciphertext. Messages arriving before BeginCeremony are
/// buffered (bounded). Every participant publishes its own <see cref="CeremonyFinished"/>.
/// Parameters are this node's to check (<see cref="CeremonyPolicy"/>), the proof of knowledge and
/// every seal are bound to the ceremony (<see cref="CeremonyBinding"/>), and no share leaves before
/// every participant confirmed the same round-1 transcript (broadcast consistency: a relay that
/// shows one node a different package makes the ceremony abort, blaming nobody).
/// </summary>
internal sealed class DkgParticipant(NodeContext node, SecretMail mail, AttestationParticipant attestation)
    : IConsumer<BeginCeremony>, IConsumer<CeremonyRound1Broadcast>, IConsumer<CeremonyTranscriptConfirmed>, IConsumer<CeremonySecretDelivered>
{
    private const string Round2Step = "round2";
    private readonly CeremonyPolicy _policy = new(node);
    private readonly CeremonyRunTable<CeremonyRun> _runs = new(node, attestation, id => new CeremonyRun(id));

    public async Task Consume(ConsumeContext<BeginCeremony> context)
    {
        var m = context.Message;
        if (node.Killed || m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || !m.Participants.Contains(node.Id)) return;
        var peers = m.Participants.Where(p => p != node.Id).ToList();
        if (await _runs.JoinAsync(m, peers, context.CancellationToken).ConfigureAwait(false) is not { } run) return;
        if (_policy.Refuse(m) is { } refusal)
        {
            await FailAsync(run, refusal, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        var binding = CeremonyPolicy.Bind(m, m.Kind == CeremonyKind.Refresh ? node.Vault.PublicKeys(m.Epoch.Number) : null);
        var part1 = Start(m, binding, out var startError);
        if (part1 is null)
        {
            await FailAsync(run, startError!, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        lock (run.Gate)
        {
            // the run may have ended while attestation was awaited (aborted, timed out): keep no secret for it
            if (run.Done)
            {
                part1.Value.Secret.Dispose();
                return;
            }
            run.Secret1 = part1.Value.Secret;
            run.Binding = binding;
            run.Round1Bytes[node.Id] = part1.Value.Broadcast;
        }
        await node.Messenger.PublishAsync(new CeremonyRound1Broadcast(m.Ceremony, m.Kind, node.Id, part1.Value.Broadcast), context.CancellationToken).ConfigureAwait(false);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CeremonyRound1Broadcast> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonyRound1Broadcast)) || _runs.Find(m.Ceremony) is not { } run) return;
        var sender = ParticipantId.FromNode(m.From);
        var ok = false;
        if (m.Kind == CeremonyKind.Dkg && Round1Package.FromBytes(m.Package).TryGet(out var package, out _) && package.Sender == sender)
        {
            lock (run.Gate)
                if (run.Round1.TryAdd(m.From, package)) run.Round1Bytes[m.From] = m.Package;
            ok = true;
        }
        else if (m.Kind == CeremonyKind.Refresh && RefreshRound1Package.FromBytes(m.Package).TryGet(out var refresh, out _) && refresh.Sender == sender)
        {
            lock (run.Gate)
                if (run.RefreshRound1.TryAdd(m.From, refresh)) run.Round1Bytes[m.From] = m.Package;
            ok = true;
        }
        if (!ok)
        {
            await FailAsync(run, "malformed round-1 package", [m.From], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>A peer's round-1 transcript hash; compared with this node's own before round 2.</summary>
    public async Task Consume(ConsumeContext<CeremonyTranscriptConfirmed> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonyTranscriptConfirmed)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate) run.Transcripts.TryAdd(m.From, m.Transcript);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>This protocol's open runs (aborted by <see cref="CeremonyAbortParticipant"/>).</summary>
    public ICeremonyRunTable Runs => _runs;

    public async Task Consume(ConsumeContext<CeremonySecretDelivered> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.To != node.Id || m.Step != Round2Step) return;
        if (!node.Accepts(m.From, nameof(CeremonySecretDelivered)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate) run.SealedRound2.TryAdd(m.From, m.Sealed);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Part 1 of a DKG or refresh: the secret polynomial and the public broadcast bytes.</summary>
    private (Round1SecretPackage Secret, byte[] Broadcast)? Start(BeginCeremony m, CeremonyBinding binding, out string? error)
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

    /// <summary>
    /// Confirms the transcript once every round-1 package is in, runs part 2 once every peer confirmed
    /// the same transcript, part 3 once every round-2 share is in.
    /// </summary>
    private async Task AdvanceAsync(CeremonyRun run, CancellationToken cancellationToken)
    {
        List<CeremonySecretDelivered>? toSend = null;
        CeremonyTranscriptConfirmed? confirm = null;
        CeremonyFinished? finished = null;
        (string Reason, IReadOnlyList<NodeId> Culprits)? failure = null;
        lock (run.Gate)
        {
            if (run.Done || run.Begin is not { } begin || run.Binding is not { } binding) return;
            var others = begin.Participants.Count - 1;
            if (run.Secret1 is not null && run.Transcript is null && run.Round1Count(begin.Participants) >= others)
            {
                run.Transcript = CeremonyTranscript.Hash(binding,
                    run.Round1Bytes.Where(kv => begin.Participants.Contains(kv.Key)).Select(kv => (ParticipantId.FromNode(kv.Key), kv.Value)));
                confirm = new CeremonyTranscriptConfirmed(begin.Ceremony, begin.Kind, node.Id, run.Transcript);
            }
            var confirmed = run.Transcripts.Where(kv => begin.Participants.Contains(kv.Key)).ToList();
            if (run.Secret1 is not null && run.Transcript is { } mine && !run.Round2Sent && confirmed.Count >= others
                && !confirmed.All(kv => CeremonyTranscript.Agree(kv.Value, mine)))
            {
                // a differing hash proves the views differ, not who made them differ: blame nobody
                failure = ("round-1 transcripts differ: participants were shown different packages or parameters", []);
            }
            else if (run.Secret1 is { } s1 && run.Transcript is { } transcript && !run.Round2Sent && confirmed.Count >= others)
            {
                var part2 = begin.Kind == CeremonyKind.Dkg
                    ? Dealerless.Part2(s1, [.. From(run.Round1, begin)])
                    : Refresh.Part2(s1, [.. From(run.RefreshRound1, begin)]);
                s1.Dispose();
                run.Secret1 = null;
                if (part2.TryGet(out var p2, out var e2))
                {
                    run.Secret2 = p2.Secret;
                    run.Round2Sent = true;
                    toSend = [];
                    foreach (var outgoing in p2.Outgoing)
                    {
                        using (outgoing)
                        {
                            var to = NodeId.FromIndex(outgoing.Recipient.Value);
                            toSend.Add(new CeremonySecretDelivered(begin.Ceremony, begin.Kind, Round2Step, node.Id, to,
                                mail.SealRound2(outgoing, to, binding, transcript), null));
                        }
                    }
                }
                else failure = (e2.Failure.ToString(), Culprits(e2));
            }
            if (failure is null && run.Secret2 is { } s2 && run.SealedRound2.Keys.Count(begin.Participants.Contains) >= others)
                finished = Finish(run, begin, s2, out failure);
        }
        if (confirm is not null) await node.Messenger.PublishAsync(confirm, cancellationToken).ConfigureAwait(false);
        if (toSend is not null)
            foreach (var message in toSend)
                await node.Messenger.SendAsync(message.To, message, cancellationToken).ConfigureAwait(false);
        if (failure is { } f) await FailAsync(run, f.Reason, f.Culprits, cancellationToken).ConfigureAwait(false);
        if (finished is not null)
        {
            SignerLog.CeremonyCompleted(node.Logger, node.Id, finished.Kind.ToString(), finished.Ceremony, finished.Epoch.Number);
            await node.Messenger.PublishAsync(finished, cancellationToken).ConfigureAwait(false);
            _runs.Finished(run);
        }
    }

    private CeremonyFinished? Finish(CeremonyRun run, BeginCeremony begin, Round2SecretPackage s2, out (string, IReadOnlyList<NodeId>)? failure)
    {
        failure = null;
        var opened = new List<Round2Package>();
        try
        {
            foreach (var (from, sealedShare) in run.SealedRound2.Where(kv => begin.Participants.Contains(kv.Key)))
            {
                if (mail.OpenRound2(sealedShare, from, node.Id, run.Binding!, run.Transcript!) is not { } package)
                {
                    failure = ("a round-2 share could not be opened", [from]);
                    return null;
                }
                opened.Add(package);
            }
            var result = begin.Kind == CeremonyKind.Dkg
                ? Dealerless.Part3(s2, [.. From(run.Round1, begin)], opened)
                : RefreshShares(begin.Epoch.Number, s2, [.. From(run.RefreshRound1, begin)], opened);
            if (result is null)
            {
                failure = ("the share of the epoch is gone", []);
                return null;
            }
            if (!result.Value.TryGet(out var keys, out var e))
            {
                failure = (e.Failure.ToString(), Culprits(e));
                return null;
            }
            var groupKey = keys.PublicKeys.VerifyingKey.Encoding.ToArray();
            var verifyingShare = keys.Key.VerifyingShare.Encoding.ToArray();
            node.Vault.Store(begin.Epoch.Number, keys.Key, keys.PublicKeys);
            node.Stock.ForgetEpoch(begin.Epoch.Number);
            run.Done = true;
            SignerLog.ShareStored(node.Logger, node.Id, begin.Epoch.Number);
            return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true, groupKey, verifyingShare, [], null);
        }
        finally
        {
            foreach (var p in opened) p.Dispose();
            run.Dispose();
        }
    }

    /// <summary>Part 3 of a refresh, against the current share (null when it is no longer held).</summary>
    private Result<(KeyPackage Key, PublicKeyPackage PublicKeys), FrostError>? RefreshShares(
        int epoch, Round2SecretPackage s2, IReadOnlyCollection<RefreshRound1Package> round1, IReadOnlyCollection<Round2Package> round2)
    {
        return node.Vault.Use(epoch, s => Refresh.Part3(s2, round1, round2, s.Key, s.PublicKeys), out var result) ? result : null;
    }

    private Task FailAsync(CeremonyRun run, string reason, IReadOnlyList<NodeId> culprits, CancellationToken cancellationToken) =>
        _runs.FailAsync(run, reason, culprits, cancellationToken);

    private static IEnumerable<T> From<T>(Dictionary<NodeId, T> packages, BeginCeremony begin) =>
        packages.Where(kv => begin.Participants.Contains(kv.Key)).Select(kv => kv.Value);

    private static IReadOnlyList<NodeId> Culprits(FrostError e) => [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value))];
}
