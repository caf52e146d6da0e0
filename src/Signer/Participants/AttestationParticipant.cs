using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Crypto.Attestation;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Platform;
using MassTransit;

namespace CcTsa.Signer.Participants;

/// <summary>
/// Mutual attestation. Answering: a fresh SEV-SNP report whose REPORT_DATA binds this node's id,
/// provider, channel key, message-signing key and the verifier's nonce. Verifying: a peer's report
/// must chain to a trusted AMD root (the simulated root only when allowed), carry this node's own
/// launch measurement, no debug, a TCB not below ours, and bind the announced identity and keys
/// with the nonce this node issued (once). Only then does the peer's channel key become usable and
/// its signing key the one whose signatures make a protocol message the peer's.
/// </summary>
internal sealed class AttestationParticipant(NodeContext node)
    : IConsumer<AttestationRequested>, IConsumer<AttestationReported>, IConsumer<NodeAnnounced>
{
    private readonly SnpReportVerifier _verifier = new(node.Options.TrustAnchors);

    public async Task Consume(ConsumeContext<AttestationRequested> context)
    {
        var m = context.Message;
        if (node.Killed || m.Target != node.Id) return;
        if (m.Requester is { } requester && node.Faults.Drops(requester)) return;
        if (m.Nonce is not { Length: >= ReportDataBinding.MinNonceSize and <= 64 }) return;
        var reported = await ReportAsync(m.Requester, m.Nonce, context.CancellationToken).ConfigureAwait(false);
        if (reported is null) return;
        if (m.Requester is { } peer)
        {
            await node.Messenger.SendAsync(peer, reported, context.CancellationToken).ConfigureAwait(false);
            // Mutual: a peer that wants to talk to us gets attested by us too.
            if (!node.Peers.IsAttested(peer)) await RequestAsync(peer, context.CancellationToken).ConfigureAwait(false);
        }
        else
        {
            await node.Messenger.PublishAsync(reported, context.CancellationToken).ConfigureAwait(false);
        }
    }

    public Task Consume(ConsumeContext<AttestationReported> context)
    {
        var m = context.Message;
        if (node.Killed || m.Requester != node.Id || m.Node == node.Id || node.Faults.Drops(m.Node)) return Task.CompletedTask;
        if (!node.Peers.TakeNonce(m.Node, m.Nonce)) return Task.CompletedTask; // stale, replayed or never asked for
        var why = Verify(m);
        if (why is null)
        {
            node.Peers.Accept(m.Node, m.Provider, m.ChannelPublicKey, m.SigningPublicKey!, node.Options.Time.GetUtcNow());
            SignerLog.PeerAttested(node.Logger, node.Id, m.Node, m.Provider);
        }
        else
        {
            node.Peers.Revoke(m.Node);
            SignerLog.PeerRejected(node.Logger, node.Id, m.Node, why);
        }
        return Task.CompletedTask;
    }

    public async Task Consume(ConsumeContext<NodeAnnounced> context)
    {
        var m = context.Message;
        if (node.Killed || m.Node == node.Id || node.Faults.Drops(m.Node)) return;
        // Unproven under the attested key: forged, or the peer restarted with new keys. Same keys:
        // a forgery, ignored. New keys: treated like a first contact (the old keys may be dead, so
        // they stop being used until the peer itself answers a fresh challenge) — a forgery costs
        // one round trip, never blame.
        if (node.Peers.IsAttested(m.Node) && !context.TryGetPayload<AuthenticatedSender>(out _)
            && node.Peers.ChannelKey(m.Node) is { } attested && attested.AsSpan().SequenceEqual(m.ChannelPublicKey))
            return;
        var now = node.Options.Time.GetUtcNow();
        var needed = node.Peers.Observe(m.Node, m.Provider, m.ChannelPublicKey, m.ClockHealthy && !m.Excluded, m.EpochHeld, now);
        if (needed) await RequestAsync(m.Node, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks <paramref name="peer"/> for a fresh report bound to a new nonce (unless a request is already out).</summary>
    public async Task RequestAsync(NodeId peer, CancellationToken cancellationToken)
    {
        var nonce = node.Peers.IssueNonce(peer, node.Options.Time.GetUtcNow(), node.Options.RoundTimeout);
        if (nonce is not null)
            await node.Messenger.SendAsync(peer, new AttestationRequested(peer, node.Id, nonce), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Attests every peer not yet attested and waits (bounded) until all are; false on timeout.</summary>
    public async Task<bool> EnsureAttestedAsync(IReadOnlyList<NodeId> peers, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(peers);
        var missing = peers.Where(p => !node.Peers.IsAttested(p)).ToList();
        if (missing.Count == 0) return true;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, node.Lifetime);
        cts.CancelAfter(timeout);
        var waits = missing.Select(p => node.Peers.WaitAttestedAsync(p, cts.Token)).ToList();
        foreach (var p in missing) await RequestAsync(p, cts.Token).ConfigureAwait(false);
        try
        {
            await Task.WhenAll(waits).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>This node's report for a verifier's nonce, or null when the platform can't produce one.</summary>
    public async Task<AttestationReported?> ReportAsync(NodeId? requester, byte[] nonce, CancellationToken cancellationToken)
    {
        var channelKey = node.ChannelKey.PublicKey.Bytes.ToArray();
        var signingKey = node.SigningKey.PublicKey;
        var reportData = ReportDataBinding.Compute(node.Id.Value, node.Options.Provider, channelKey, signingKey, nonce);
        try
        {
            var report = await node.Options.Platform.GetReportAsync(reportData, cancellationToken).ConfigureAwait(false);
            var chain = node.Options.Platform.CertificateChain;
            return new AttestationReported(node.Id, requester, node.Options.Provider, nonce, report,
                [.. chain.Vcek], chain.Ask is { } ask ? [.. ask] : [], chain.Ark is { } ark ? [.. ark] : [], channelKey, signingKey,
                SecureTscRule.Name(node.Options.SecureTsc));
        }
        catch (PlatformUnavailableException e)
        {
            SignerLog.ReportFailed(node.Logger, node.Id, e.Message);
            return null;
        }
    }

    /// <summary>Null when the report is acceptable, else the reason (our words, never payload bytes).</summary>
    private string? Verify(AttestationReported m)
    {
        if (m.ChannelPublicKey is not { Length: 32 }) return "channel key is not an X25519 public key";
        if (m.SigningPublicKey is not { Length: 32 }) return "no Ed25519 message-signing key";
        var others = new[] { m.AskDer, m.ArkDer }.Where(c => c is { Length: > 0 }).Select(c => c!).ToArray();
        if (!AttestationChain.FromEncoded(m.VcekDer, others).TryGet(out var chain, out var chainError)) return chainError.Failure.ToString();
        var policy = new AttestationPolicy
        {
            AllowedMeasurements = new HashSet<Measurement> { node.Measurement },
            MinimumTcb = node.Options.MinimumTcb,
            AllowDebug = false,
            AllowSmt = !node.Options.ForbidSmt,
            AllowSimulatedRoot = node.Options.AllowSimulatedRoot,
            ExpectedReportData = [.. ReportDataBinding.Compute(m.Node.Value, m.Provider, m.ChannelPublicKey, m.SigningPublicKey, m.Nonce)],
        };
        var verdict = _verifier.Verify(m.Report, chain, policy);
        return verdict.IsValid ? null : verdict.Error!.Failure.ToString();
    }
}
