using System.Security.Cryptography;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Channel;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Share repair for a replacement node (Redistribution). As helper: split ζ_i·s_i into deltas,
/// one sealed to each helper; sum the deltas received into σ and seal σ to the recipient, with the
/// public key package as public context. As recipient: once every helper's σ is in and all helpers
/// sent the same public package, sum them into the share (checked against the published verifying
/// share) and store it. The group key is never reconstructed, nothing secret travels in the clear.
/// Every seal is bound to the ceremony and to the sealing helper's public package hash, so the
/// recipient takes its public package from the t helpers (each vouching for it inside its σ's
/// authenticated context), never from the relay; a recipient holding the epoch refuses outright.
/// </summary>
internal sealed class RepairParticipant(NodeContext node, SecretMail mail, AttestationParticipant attestation)
    : IConsumer<BeginCeremony>, IConsumer<CeremonySecretDelivered>
{
    private const string DeltaStep = "delta";
    private const string SigmaStep = "sigma";
    private readonly CeremonyPolicy _policy = new(node);
    private readonly CeremonyRunTable<RepairRun> _runs = new(node, attestation, id => new RepairRun(id));

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
        if (helper && !await SendDeltasAsync(run, m, recipient, context.CancellationToken).ConfigureAwait(false)) return;
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>This protocol's open runs (aborted by <see cref="CeremonyAbortParticipant"/>).</summary>
    public ICeremonyRunTable Runs => _runs;

    public async Task Consume(ConsumeContext<CeremonySecretDelivered> context)
    {
        var m = context.Message;
        if (m.Kind != CeremonyKind.Redistribution || m.To != node.Id || m.Step is not (DeltaStep or SigmaStep)) return;
        if (!node.Accepts(m.From, nameof(CeremonySecretDelivered)) || _runs.Find(m.Ceremony) is not { } run) return;
        lock (run.Gate)
        {
            if (m.Step == DeltaStep) run.SealedDeltas.TryAdd(m.From, m.Sealed);
            else run.SealedSigmas.TryAdd(m.From, (m.Sealed, m.PublicContext));
        }
        await AdvanceAsync(run, context.CancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> SendDeltasAsync(RepairRun run, BeginCeremony m, NodeId recipient, CancellationToken cancellationToken)
    {
        var helpers = m.Participants.Select(ParticipantId.FromNode).ToList();
        var lost = ParticipantId.FromNode(recipient);
        if (!node.Vault.Use(m.Epoch.Number, s => Repair.Part1(helpers, s.Key, lost), out var part1))
        {
            await FailAsync(run, "helper holds no share of the epoch", [], cancellationToken).ConfigureAwait(false);
            return false;
        }
        if (!part1.TryGet(out var deltas, out var error))
        {
            await FailAsync(run, error.Failure.ToString(), [], cancellationToken).ConfigureAwait(false);
            return false;
        }
        var publicKeys = node.Vault.PublicKeys(m.Epoch.Number)?.ToBytes();
        if (publicKeys is null)
        {
            foreach (var d in deltas) d.Dispose();
            await FailAsync(run, "helper holds no share of the epoch", [], cancellationToken).ConfigureAwait(false);
            return false;
        }
        var binding = CeremonyPolicy.Bind(m, SHA256.HashData(publicKeys));
        lock (run.Gate)
        {
            run.Binding = binding;
            run.PublicKeys = publicKeys;
        }
        var outgoing = new List<CeremonySecretDelivered>();
        foreach (var delta in deltas)
        {
            var to = NodeId.FromIndex(delta.Recipient.Value);
            if (to == node.Id)
            {
                // the run may have ended while attestation was awaited (aborted, timed out): keep no delta for it
                lock (run.Gate)
                {
                    if (run.Done) delta.Dispose();
                    else run.OwnDelta = delta;
                }
                continue;
            }
            using (delta)
                outgoing.Add(new CeremonySecretDelivered(m.Ceremony, m.Kind, DeltaStep, node.Id, to, mail.SealDelta(delta, to, binding), null));
        }
        lock (run.Gate)
        {
            if (run.Done) return false;
            run.DeltasSent = true;
        }
        foreach (var message in outgoing)
            await node.Messenger.SendAsync(message.To, message, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task AdvanceAsync(RepairRun run, CancellationToken cancellationToken)
    {
        CeremonySecretDelivered? sigma = null;
        CeremonyFinished? finished = null;
        string? failure = null;
        IReadOnlyList<NodeId> culprits = [];
        lock (run.Gate)
        {
            if (run.Done || run.Begin is not { } begin || begin.Recipient is not { } recipient) return;
            var helpers = begin.Participants;
            if (run.DeltasSent && !run.SigmaSent && run.OwnDelta is not null && run.SealedDeltas.Keys.Count(helpers.Contains) >= helpers.Count - 1)
            {
                sigma = BuildSigma(run, begin, recipient, out failure, out culprits);
                run.SigmaSent = sigma is not null;
                if (sigma is not null && recipient != node.Id)
                    finished = HelperFinished(begin);
            }
            if (failure is null && recipient == node.Id && run.SealedSigmas.Keys.Count(helpers.Contains) >= helpers.Count)
                finished = Recover(run, begin, out failure, out culprits);
            if (finished is not null)
            {
                run.Done = true;
                run.Dispose();
            }
        }
        if (sigma is not null) await node.Messenger.SendAsync(sigma.To, sigma, cancellationToken).ConfigureAwait(false);
        if (failure is not null) await FailAsync(run, failure, culprits, cancellationToken).ConfigureAwait(false);
        if (finished is not null)
        {
            _runs.Finished(run);
            SignerLog.CeremonyCompleted(node.Logger, node.Id, finished.Kind.ToString(), finished.Ceremony, finished.Epoch.Number);
            await node.Messenger.PublishAsync(finished, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>σ of this helper for the recipient, sealed, with the public key package alongside.</summary>
    private CeremonySecretDelivered? BuildSigma(RepairRun run, BeginCeremony begin, NodeId recipient, out string? failure, out IReadOnlyList<NodeId> culprits)
    {
        failure = null;
        culprits = [];
        var received = new List<RepairDelta> { run.OwnDelta! };
        run.OwnDelta = null;
        try
        {
            foreach (var (from, sealedDelta) in run.SealedDeltas.Where(kv => begin.Participants.Contains(kv.Key)))
            {
                if (mail.OpenDelta(sealedDelta, from, node.Id, run.Binding!) is not { } delta)
                {
                    failure = "a repair delta could not be opened";
                    culprits = [from];
                    return null;
                }
                received.Add(delta);
            }
            var helpers = begin.Participants.Select(ParticipantId.FromNode).ToList();
            if (!Repair.Part2(received, ParticipantId.FromNode(node.Id), helpers).TryGet(out var sum, out var e))
            {
                failure = e.Failure.ToString();
                culprits = [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value))];
                return null;
            }
            using (sum)
            {
                // the package sent alongside is the one the binding hashes: the seal vouches for it
                return new CeremonySecretDelivered(begin.Ceremony, begin.Kind, SigmaStep, node.Id, recipient,
                    mail.SealSigma(sum, recipient, run.Binding!), run.PublicKeys);
            }
        }
        finally
        {
            foreach (var d in received) d.Dispose();
        }
    }

    private CeremonyFinished HelperFinished(BeginCeremony begin)
    {
        var publicKeys = node.Vault.PublicKeys(begin.Epoch.Number)!;
        var own = publicKeys.VerifyingShares[ParticipantId.FromNode(node.Id)];
        return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true,
            publicKeys.VerifyingKey.Encoding.ToArray(), own.Encoding.ToArray(), [], null);
    }

    /// <summary>The recipient's share from every helper's σ, checked against the agreed public package.</summary>
    private CeremonyFinished? Recover(RepairRun run, BeginCeremony begin, out string? failure, out IReadOnlyList<NodeId> culprits)
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
        if (!PublicKeyPackage.FromBytes(contexts[0]).TryGet(out var publicKeys, out _) || publicKeys.MinSigners != begin.Threshold)
        {
            failure = "malformed public key package, or one of another threshold";
            return null;
        }
        // each helper vouches for this package inside its σ's authenticated seal context
        var binding = CeremonyPolicy.Bind(begin, SHA256.HashData(contexts[0]!));
        var sigmas = new List<RepairSigma>();
        try
        {
            foreach (var (from, value) in entries)
            {
                if (mail.OpenSigma(value.Sealed, from, node.Id, binding) is not { } sigma)
                {
                    failure = "a repair sigma could not be opened";
                    culprits = [from];
                    return null;
                }
                sigmas.Add(sigma);
            }
            if (!Repair.Part3(sigmas, ParticipantId.FromNode(node.Id), publicKeys).TryGet(out var key, out var e))
            {
                failure = e.Failure.ToString();
                return null;
            }
            var verifyingShare = key.VerifyingShare.Encoding.ToArray();
            node.Vault.Store(begin.Epoch.Number, key, publicKeys);
            SignerLog.ShareStored(node.Logger, node.Id, begin.Epoch.Number);
            return new CeremonyFinished(begin.Ceremony, begin.Kind, begin.Epoch, node.Id, true,
                publicKeys.VerifyingKey.Encoding.ToArray(), verifyingShare, [], null);
        }
        finally
        {
            foreach (var s in sigmas) s.Dispose();
        }
    }

    private Task FailAsync(RepairRun run, string reason, IReadOnlyList<NodeId> culprits, CancellationToken cancellationToken) =>
        _runs.FailAsync(run, reason, culprits, cancellationToken);
}
