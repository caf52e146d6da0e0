using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Signer.Channel;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Share repair for a replacement node (Redistribution). As helper: split ζ_i·s_i into deltas,
/// one sealed to each helper; sum the deltas received into σ and seal σ to the recipient, with the
/// public key package as public context. As recipient: once every helper's σ is in and all helpers
/// sent the same public package, sum them into the share (checked against the published verifying
/// share) and store it. The group key is never reconstructed, nothing secret travels in the clear.
/// Every participant (helpers and recipient) first announces a single-use ceremony key in a signed
/// <see cref="CeremonyKeyAnnounced"/>; deltas and σ are sealed to those keys only (wiped when the
/// run ends), so a later theft of a static channel key opens nothing recorded.
/// Every seal is bound to the ceremony and to the sealing helper's public package hash, so the
/// recipient takes its public package from the t helpers (each vouching for it inside its σ's
/// authenticated context), never from the relay; a recipient holding the epoch refuses outright.
/// The threshold-ECDSA (<see cref="RepairEcdsa"/>) and ML-DSA-65 (<see cref="RepairMlDsa"/>) keys of
/// the epoch are repaired by the same messages.
/// </summary>
internal sealed class RepairParticipant(NodeContext node, SecretMail mail, AttestationParticipant attestation)
    : IConsumer<BeginCeremony>, IConsumer<CeremonyKeyAnnounced>, IConsumer<CeremonySecretDelivered>
{
    private readonly CeremonyPolicy _policy = new(node);
    private readonly CeremonyRunTable<RepairRun> _runs = new(node, attestation, id => new RepairRun(id));
    private readonly RepairSteps _steps = new(node, mail);

    public async Task Consume(ConsumeContext<BeginCeremony> context)
    {
        var m = context.Message;
        if (node.Killed || m.Kind != CeremonyKind.Redistribution || m.Recipient is not { } recipient) return;
        var helper = m.Participants.Contains(node.Id);
        if (!helper && recipient != node.Id) return;
        var others = m.Participants.Append(recipient).Where(p => p != node.Id).Distinct().ToList();
        if (await _runs.JoinAsync(m, others, context.CancellationToken).ConfigureAwait(false) is not { } run) return;
        if (_policy.Refuse(m) is { } refusal)
        {
            await FailAsync(run, refusal, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        if (helper && _steps.PrepareDeltas(run, m, recipient) is { } error)
        {
            await FailAsync(run, error, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        var ceremonyKeys = ChannelKeyPair.Generate();
        var announced = new CeremonyKeyAnnounced(m.Ceremony, m.Kind, node.Id, ceremonyKeys.PublicKey.Bytes.ToArray());
        lock (run.Gate)
        {
            if (run.Done)
            {
                ceremonyKeys.Dispose();
                return;
            }
            run.CeremonyKeys = ceremonyKeys;
        }
        await node.Messenger.PublishAsync(announced, context.CancellationToken).ConfigureAwait(false);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>This protocol's open runs (aborted by <see cref="CeremonyAbortParticipant"/>).</summary>
    public ICeremonyRunTable Runs => _runs;

    /// <summary>
    /// A participant's ceremony key, signed by it: the only key secrets to it are sealed to. The first
    /// key from a peer is answered with this node's own, point-to-point: a replacement node may have
    /// announced before this node attested it (its broadcast was then dropped as unproven), and the
    /// later of two announcements always reaches a node that has attested its sender.
    /// </summary>
    public async Task Consume(ConsumeContext<CeremonyKeyAnnounced> context)
    {
        var m = context.Message;
        if (m.Kind != CeremonyKind.Redistribution || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonyKeyAnnounced)) || _runs.Find(m.Ceremony) is not { } run) return;
        if (m.CeremonyKey is null || !ChannelPublicKey.TryFromBytes(m.CeremonyKey, out var key)) return;
        CeremonyKeyAnnounced? answer = null;
        lock (run.Gate)
        {
            if (run.CeremonyKeysOf.TryAdd(m.From, key) && run.CeremonyKeys is { } own && run.Begin is { } begin
                && (begin.Participants.Contains(m.From) || begin.Recipient == m.From))
                answer = new CeremonyKeyAnnounced(begin.Ceremony, begin.Kind, node.Id, own.PublicKey.Bytes.ToArray());
        }
        if (answer is not null) await node.Messenger.SendAsync(m.From, answer, context.CancellationToken).ConfigureAwait(false);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CeremonySecretDelivered> context)
    {
        var m = context.Message;
        if (m.Kind != CeremonyKind.Redistribution || m.To != node.Id || m.Step is not (RepairSteps.DeltaStep or RepairSteps.SigmaStep)) return;
        if (!node.Accepts(m.From, nameof(CeremonySecretDelivered)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate)
        {
            if (m.Step == RepairSteps.DeltaStep) run.SealedDeltas.TryAdd(m.From, m.Sealed);
            else run.SealedSigmas.TryAdd(m.From, (m.Sealed, m.PublicContext, m.MlDsaSealed));
        }
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    private async Task AdvanceAsync(RepairRun run, CancellationToken cancellationToken)
    {
        List<CeremonySecretDelivered>? deltas = null;
        CeremonySecretDelivered? sigma = null;
        CeremonyFinished? finished = null;
        string? failure = null;
        IReadOnlyList<NodeId> culprits = [];
        lock (run.Gate)
        {
            if (run.Done || run.Begin is not { } begin || begin.Recipient is not { } recipient || run.CeremonyKeys is null) return;
            var helpers = begin.Participants;
            deltas = _steps.SealDeltas(run, begin);
            if (run.DeltasSent && !run.SigmaSent && run.OwnDelta is not null && run.CeremonyKeysOf.ContainsKey(recipient)
                && run.SealedDeltas.Keys.Count(helpers.Contains) >= helpers.Count - 1)
            {
                sigma = _steps.BuildSigma(run, begin, recipient, out failure, out culprits);
                run.SigmaSent = sigma is not null;
                if (sigma is not null && recipient != node.Id)
                    finished = _steps.HelperFinished(begin);
            }
            if (failure is null && recipient == node.Id && run.SealedSigmas.Keys.Count(helpers.Contains) >= helpers.Count)
                finished = _steps.Recover(run, begin, out failure, out culprits);
            if (finished is not null)
            {
                run.Done = true;
                run.Dispose();
            }
        }
        foreach (var delta in deltas ?? []) await node.Messenger.SendAsync(delta.To, delta, cancellationToken).ConfigureAwait(false);
        if (sigma is not null) await node.Messenger.SendAsync(sigma.To, sigma, cancellationToken).ConfigureAwait(false);
        if (failure is not null) await FailAsync(run, failure, culprits, cancellationToken).ConfigureAwait(false);
        if (finished is not null)
        {
            _runs.Finished(run);
            SignerLog.CeremonyCompleted(node.Logger, node.Id, finished.Kind.ToString(), finished.Ceremony, finished.Epoch.Number);
            await node.Messenger.PublishAsync(finished, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task FailAsync(RepairRun run, string reason, IReadOnlyList<NodeId> culprits, CancellationToken cancellationToken) =>
        _runs.FailAsync(run, reason, culprits, cancellationToken);
}
