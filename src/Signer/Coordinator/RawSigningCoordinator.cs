using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Messaging;
using CcTsa.Signer.Participants;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// Coordinator role for <see cref="SignRawMessage"/> (the epoch certificate's CSR): the same
/// one-round FROST flow as time-stamps for a single message — t−1 peers from the stock of
/// commitments, own share, aggregate, verify — answering <see cref="RawMessageSigned"/> or
/// <see cref="TimestampBatchFailed"/> (Batch = Round). The coordinator checks the message like
/// its peers do before taking part.
/// </summary>
internal sealed class RawSigningCoordinator(NodeContext node, NonceSupply supply) : IConsumer<SignRawMessage>
{
    public Task Consume(ConsumeContext<SignRawMessage> context) => node.AnswerWhileAliveAsync(context, SignAsync);

    public async Task<object> SignAsync(SignRawMessage m, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(m);
        if (!node.ClockHealthy) return Fail(m, "coordinator clock excluded from signing", true);
        if (node.Vault.PublicKeys(m.Epoch) is not { } publicKeys) return Fail(m, "coordinator holds no share of the epoch", true);
        if (RawMessageCheck.Check(m.Purpose, m.Message, publicKeys.VerifyingKey.Encoding) is { } why) return Fail(m, why, false);
        var excluded = new HashSet<NodeId>();
        var reason = "no attempt made";
        for (int attempt = 1; attempt <= node.Options.MaxRoundAttempts; attempt++)
        {
            var views = node.Peers.Snapshot().Where(p => p.Node != node.Id)
                .Select(p => new PeerView(p.Node, p.Attested, p.ClockHealthy, !p.TimedOut && !node.Faults.Drops(p.Node), node.Stock.Count(p.Node, m.Epoch))).ToList();
            if (!SubsetSelector.Choose(publicKeys.MinSigners, views, excluded, 1).TryGet(out var peers, out var quorumError))
                return Fail(m, quorumError, false);
            var (signature, failed, why2) = await RoundAsync(m, publicKeys, peers, cancellationToken).ConfigureAwait(false);
            if (signature is not null) return new RawMessageSigned(m.Round, node.Id, m.Epoch, [node.Id, .. peers], signature);
            reason = why2;
            foreach (var p in failed) excluded.Add(p);
            if (failed.Count == 0) break;
        }
        return Fail(m, reason, true);
    }

    private async Task<(byte[]? Signature, IReadOnlyList<NodeId> Failed, string Reason)> RoundAsync(SignRawMessage m, PublicKeyPackage publicKeys, IReadOnlyList<NodeId> peers, CancellationToken ct)
    {
        var reserved = await Task.WhenAll(peers.Select(p => supply.TakeAsync(p, m.Epoch, 1, ct))).ConfigureAwait(false);
        var missing = peers.Where((p, i) => reserved[i] is null).ToList();
        if (missing.Count > 0) return (null, missing, "no nonce commitments from " + string.Join(",", missing));
        if (!node.Vault.Use(m.Epoch, s => s.Nonces.Publish(1), out var own) || own.Count < 1) return (null, [], "no own nonce");
        var commitments = new List<SigningCommitments> { own[0] };
        commitments.AddRange(reserved.Select(r => r![0]));
        if (!SigningPackage.Create(commitments, m.Message).TryGet(out var package, out var pe)) return (null, [], pe.Failure.ToString());

        List<NodeId> signers = [node.Id, .. peers];
        var round = RoundId.New();
        var answers = peers.Select(p => node.Pending.Expect(round, p)).ToArray();
        var wire = package.Commitments.Select(c => c.ToBytes()).ToList();
        foreach (var p in peers)
            await node.Messenger.SendAsync(p, new ProduceRawSignatureShare(round, node.Id, p, m.Epoch, signers, m.Purpose, m.Message, wire), ct).ConfigureAwait(false);
        if (!node.Vault.Use(m.Epoch, s => s.Nonces.Sign(package), out var mine) || !mine.TryGet(out var ownShare, out _))
        {
            node.Pending.Abandon(round, peers);
            return (null, [], "coordinator could not sign its own share");
        }
        try { await Task.WhenAll(answers).WaitAsync(node.Options.RoundTimeout, ct).ConfigureAwait(false); }
        catch (TimeoutException) { }
        node.Pending.Abandon(round, peers);

        var shares = new List<SignatureShare> { ownShare };
        var failed = new List<NodeId>();
        for (int j = 0; j < peers.Count; j++)
        {
            if (!answers[j].IsCompletedSuccessfully || answers[j].Result.Shares is not { Count: 1 } raw
                || !SignatureShare.FromBytes(raw[0]).TryGet(out var s, out _) || s.Identifier != ParticipantId.FromNode(peers[j]))
                failed.Add(peers[j]);
            else shares.Add(s);
        }
        if (failed.Count > 0) return (null, failed, "no valid share from " + string.Join(",", failed));
        if (!Aggregate.Combine(package, shares, publicKeys).TryGet(out var signature, out var e))
            return (null, [.. e.Culprits.Select(c => NodeId.FromIndex(c.Value)).Where(n => n != node.Id)], "aggregation failed: " + e.Failure);
        return (signature.ToArray(), [], "signed");
    }

    private TimestampBatchFailed Fail(SignRawMessage m, string reason, bool retryable)
    {
        SignerLog.BatchFailed(node.Logger, node.Id, m.Round, reason);
        return new TimestampBatchFailed(m.Round, node.Id, reason, retryable, []);
    }
}
