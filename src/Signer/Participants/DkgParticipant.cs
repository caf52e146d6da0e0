using System.Globalization;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Hosting;
using CcTsa.Signer.Channel;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Dealerless DKG and proactive refresh (same three parts; refresh deals zero-constant polynomials
/// so the classical group keys stay and old shares become useless, and re-keys threshold ML-DSA-65,
/// which has no norm-preserving refresh: <see cref="DkgMlDsa"/>). Round 1 is broadcast (public) with the
/// participant's single-use ceremony key; each round-2 share is sealed to its recipient's ceremony
/// key, exactly as the recipient signed it and the transcript confirmed it, and sent point-to-point,
/// so the broker and control plane only ever see ciphertext, and no static key opens it later.
/// Messages arriving before BeginCeremony are buffered (bounded). Parameters are this node's to
/// check (<see cref="CeremonyPolicy"/>), the proof of knowledge and every seal are bound to the
/// ceremony (<see cref="CeremonyBinding"/>), no share leaves before every participant confirmed the
/// same round-1 transcript, and no participant keeps its new share before every other one accepted
/// its shares (<see cref="CeremonySharesAccepted"/>). A bad share is answered with a complaint that
/// carries evidence (<see cref="DkgComplaints"/>), so only a proven culprit is ever named. Every
/// participant publishes its own <see cref="CeremonyFinished"/>.
/// </summary>
internal sealed class DkgParticipant(NodeContext node, SecretMail mail, AttestationParticipant attestation)
    : IConsumer<BeginCeremony>, IConsumer<CeremonyRound1Broadcast>, IConsumer<CeremonyTranscriptConfirmed>, IConsumer<CeremonySecretDelivered>,
      IConsumer<CeremonySharesAccepted>, IConsumer<CeremonyComplaintFiled>
{
    private readonly CeremonyPolicy _policy = new(node);
    private readonly CeremonyRunTable<CeremonyRun> _runs = new(node, attestation, id => new CeremonyRun(id));
    private readonly DkgSteps _steps = new(node, mail);

    /// <summary>This protocol's open runs (aborted by <see cref="CeremonyAbortParticipant"/>).</summary>
    public ICeremonyRunTable Runs => _runs;

    /// <summary>The open run of <paramref name="ceremony"/>, if any (adversary tests model a compromised node with it).</summary>
    internal CeremonyRun? OpenRun(CeremonyId ceremony) => _runs.Peek(ceremony);

    public async Task Consume(ConsumeContext<BeginCeremony> context)
    {
        var m = context.Message;
        if (node.Killed || m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || !m.Participants.Contains(node.Id)) return;
        var peers = m.Participants.Where(p => p != node.Id).ToList();
        if (await _runs.JoinAsync(m, peers, context.CancellationToken).ConfigureAwait(false) is not { } run) return;
        if (_policy.Refuse(m) is { } refusal)
        {
            await _runs.FailAsync(run, refusal, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        var binding = CeremonyPolicy.Bind(m, m.Kind == CeremonyKind.Refresh ? node.Vault.PublicKeys(m.Epoch.Number) : null);
        var part1 = _steps.Start(m, binding, out var startError);
        if (part1 is null)
        {
            await _runs.FailAsync(run, startError!, [], context.CancellationToken).ConfigureAwait(false);
            return;
        }
        var ceremonyKeys = ChannelKeyPair.Generate();
        var ceremonyKey = ceremonyKeys.PublicKey.Bytes.ToArray();
        byte[]? ecdsaPackage, mlDsaPackage;
        lock (run.Gate)
        {
            // the run may have ended while attestation was awaited (aborted, timed out): keep no secret for it
            if (run.Done)
            {
                part1.Value.Secret.Dispose();
                ceremonyKeys.Dispose();
                return;
            }
            run.Secret1 = part1.Value.Secret;
            run.OwnCommitment = part1.Value.Secret.Commitment;
            run.CeremonyKeys = ceremonyKeys;
            run.Binding = binding;
            run.Ecdsa.Start(node, m, binding);
            ecdsaPackage = run.Ecdsa.OwnBytes;
            run.MlDsa.Start(node, m);
            mlDsaPackage = run.MlDsa.OwnBytes;
            run.Round1Bytes[node.Id] = DkgMlDsa.Entry(DkgEcdsa.Entry(CeremonyTranscript.Entry(part1.Value.Broadcast, ceremonyKey), ecdsaPackage), mlDsaPackage);
        }
        await node.Messenger.PublishAsync(new CeremonyRound1Broadcast(m.Ceremony, m.Kind, node.Id, part1.Value.Broadcast, ceremonyKey, ecdsaPackage, mlDsaPackage),
            context.CancellationToken).ConfigureAwait(false);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CeremonyRound1Broadcast> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonyRound1Broadcast)) || _runs.Find(m.Ceremony) is not { } run) return;
        var sender = ParticipantId.FromNode(m.From);
        var ok = false;
        if (m.CeremonyKey is { } keyBytes && ChannelPublicKey.TryFromBytes(keyBytes, out var key) && m.Package is not null
            && DkgEcdsa.WellFormed(m.Kind, m.From, m.EcdsaPackage) && DkgMlDsa.WellFormed(m.From, m.MlDsaPackage))
        {
            if (m.Kind == CeremonyKind.Dkg && Round1Package.FromBytes(m.Package).TryGet(out var package, out _) && package.Sender == sender)
            {
                lock (run.Gate)
                    if (run.Round1.TryAdd(m.From, package)) Keep(run, m, key);
                ok = true;
            }
            else if (m.Kind == CeremonyKind.Refresh && RefreshRound1Package.FromBytes(m.Package).TryGet(out var refresh, out _) && refresh.Sender == sender)
            {
                lock (run.Gate)
                    if (run.RefreshRound1.TryAdd(m.From, refresh)) Keep(run, m, key);
                ok = true;
            }
        }
        if (!ok)
        {
            await _runs.FailAsync(run, "malformed round-1 package or ceremony key", [m.From], context.CancellationToken).ConfigureAwait(false);
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

    public async Task Consume(ConsumeContext<CeremonySecretDelivered> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.To != node.Id || m.Step != SecretMail.Round2Step) return;
        if (!node.Accepts(m.From, nameof(CeremonySecretDelivered)) || _runs.Find(m.Ceremony) is not { } run) return;
        // the authentication filter checked these headers; kept so a complaint can show the sender's own signed words
        var signature = context.Headers.Get<string>(ProtocolHeaders.Signature);
        if (!long.TryParse(context.Headers.Get<string>(ProtocolHeaders.Sequence), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            || signature is null) return;
        lock (run.Gate) run.SealedRound2.TryAdd(m.From, new SignedDelivery(m, sequence, Convert.FromBase64String(signature)));
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CeremonySharesAccepted> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonySharesAccepted)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate)
            if (run.Transcript is { } mine && CeremonyTranscript.Agree(m.Transcript, mine))
            {
                run.Accepted.Add(m.From);
                if (m.MlDsaMaskedKey is { } masked) run.MlDsa.Masked[m.From] = masked;
            }
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CeremonyComplaintFiled> context)
    {
        var m = context.Message;
        if (m.Kind is not (CeremonyKind.Dkg or CeremonyKind.Refresh) || m.From == node.Id) return;
        if (!node.Accepts(m.From, nameof(CeremonyComplaintFiled)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate)
            if (run.Complaints.Count < CeremonyRun.MaxComplaints) run.Complaints.Add(m);
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    private static void Keep(CeremonyRun run, CeremonyRound1Broadcast m, ChannelPublicKey key)
    {
        run.CeremonyKeysOf[m.From] = key;
        run.Round1Bytes[m.From] = DkgMlDsa.Entry(DkgEcdsa.Entry(CeremonyTranscript.Entry(m.Package, m.CeremonyKey), m.EcdsaPackage), m.MlDsaPackage);
        if (m.EcdsaPackage is { } ecdsa) run.Ecdsa.Round1[m.From] = ecdsa;
        if (m.MlDsaPackage is { } mlDsa) run.MlDsa.Round1[m.From] = mlDsa;
    }

    /// <summary>
    /// Runs whatever step the run is ready for (<see cref="DkgSteps.Next"/>), then sends what that
    /// step produced and ends the run when it failed or finished.
    /// </summary>
    private async Task AdvanceAsync(CeremonyRun run, CancellationToken cancellationToken)
    {
        var step = _steps.Next(run);
        if (step is null) return;
        if (step.Confirm is { } confirm) await node.Messenger.PublishAsync(confirm, cancellationToken).ConfigureAwait(false);
        foreach (var message in step.Deliveries) await node.Messenger.SendAsync(message.To, message, cancellationToken).ConfigureAwait(false);
        if (step.Accepted is { } accepted) await node.Messenger.PublishAsync(accepted, cancellationToken).ConfigureAwait(false);
        foreach (var complaint in step.Complaints) await node.Messenger.PublishAsync(complaint, cancellationToken).ConfigureAwait(false);
        if (step.Failure is { } f) await _runs.FailAsync(run, f.Reason, f.Culprits, cancellationToken).ConfigureAwait(false);
        if (step.Finished is { } finished)
        {
            SignerLog.CeremonyCompleted(node.Logger, node.Id, finished.Kind.ToString(), finished.Ceremony, finished.Epoch.Number);
            await node.Messenger.PublishAsync(finished, cancellationToken).ConfigureAwait(false);
            _runs.Finished(run);
        }
    }
}
