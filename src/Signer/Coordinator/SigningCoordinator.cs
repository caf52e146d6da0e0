using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Messaging;
using MassTransit;

namespace CcTsa.Signer.Coordinator;

/// <summary>
/// The round coordinator role for <see cref="SignTimestampBatch"/>: prepares every token of the
/// batch, picks t−1 peers (<see cref="SubsetSelector"/>), sends each one ProduceSignatureShares for
/// the whole batch with commitments it already holds (one round trip), signs its own share,
/// aggregates and verifies. A peer that refuses, times out or sends a bad share is excluded and
/// the batch is retried with another subset; shares are checked one by one only when an
/// aggregate fails (identifiable abort names the culprit).
/// </summary>
internal sealed class SigningCoordinator(NodeContext node, NonceSupply supply) : IConsumer<SignTimestampBatch>
{
    public Task Consume(ConsumeContext<SignTimestampBatch> context) => node.AnswerWhileAliveAsync(context, SignAsync);

    /// <summary>Signs a batch: <see cref="TimestampBatchSigned"/> or <see cref="TimestampBatchFailed"/>.</summary>
    public async Task<object> SignAsync(SignTimestampBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Items.Count == 0) return Fail(batch, "empty batch", retryable: false, []);
        if (!node.ClockHealthy) return Fail(batch, "coordinator clock excluded from signing", retryable: true, []);
        if (node.Vault.PublicKeys(batch.Epoch) is not { } publicKeys) return Fail(batch, "coordinator holds no share of the epoch", retryable: true, []);
        if (node.Certificates.For(batch.Epoch) is not { } cert) return Fail(batch, "no certificate installed for the epoch", retryable: true, []);
        var tokens = BatchTokens.Prepare(batch, cert, node.Now(), out var prepareError);
        if (tokens is null) return Fail(batch, prepareError!, retryable: false, []);

        // nodes the control plane already suspects are left out from the first attempt
        var excluded = new HashSet<NodeId>((batch.Avoid ?? []).Where(n => n != node.Id));
        var culprits = new List<NodeId>();
        var silent = new List<NodeId>();
        string lastReason = "no attempt made";
        for (int attempt = 1; attempt <= node.Options.MaxRoundAttempts; attempt++)
        {
            if (attempt > 1)
            {
                // the failed attempt may have waited out a dead peer: a retry stamps the time it
                // really signs at (peers refuse a genTime too far from their clocks), with new serials
                if (!node.ClockHealthy) return Fail(batch, $"{lastReason}; then the coordinator clock was excluded", retryable: true, culprits, silent);
                tokens = BatchTokens.Prepare(batch, cert, node.Now(), out prepareError)!;
            }
            var chosen = SubsetSelector.Choose(publicKeys.MinSigners, Views(batch.Epoch), excluded, tokens.Items.Count);
            if (!chosen.TryGet(out var peers, out var quorumError))
                return attempt == 1
                    ? Fail(batch, quorumError, retryable: false, culprits, silent)
                    // Peers dropped out during this batch (refused, slow, cheating): another coordinator or a later try may do better.
                    : Fail(batch, $"{lastReason}; then {quorumError}", retryable: true, culprits, silent);
            var round = await RunRoundAsync(batch, tokens, publicKeys, peers, cancellationToken).ConfigureAwait(false);
            if (round.Signatures is { } signatures)
            {
                var granted = new SignedTimestamp[signatures.Length];
                // Aggregate.Combine verified each signature under the group key; a second check is
                // needed only if the installed certificate names some other key.
                var verified = cert.Certificate.PublicKey.AsSpan().SequenceEqual(publicKeys.VerifyingKey.Encoding);
                for (int i = 0; i < signatures.Length; i++) granted[i] = tokens.Complete(i, signatures[i], verified);
                List<NodeId> signers = [node.Id, .. peers];
                SignerLog.BatchSigned(node.Logger, node.Id, batch.Batch, granted.Length, string.Join(",", signers), attempt);
                return new TimestampBatchSigned(batch.Batch, node.Id, batch.Epoch, signers, granted);
            }
            lastReason = round.Reason!;
            foreach (var p in round.Exclude) excluded.Add(p);
            culprits.AddRange(round.Culprits);
            silent.AddRange(round.Silent);
            SignerLog.RoundRetried(node.Logger, node.Id, batch.Batch, attempt, lastReason, string.Join(",", round.Exclude));
            if (round.Fatal) return Fail(batch, lastReason, retryable: true, culprits, silent);
        }
        return Fail(batch, $"no subset signed in {node.Options.MaxRoundAttempts} attempts: {lastReason}", retryable: true, culprits, silent);
    }

    private IReadOnlyList<PeerView> Views(int epoch) =>
        [.. node.Peers.Snapshot()
            .Where(p => p.Node != node.Id)
            .Select(p => new PeerView(p.Node, p.Attested, p.ClockHealthy, !p.TimedOut && !node.Faults.Drops(p.Node), node.Stock.Count(p.Node, epoch)))];

    private async Task<RoundOutcome> RunRoundAsync(SignTimestampBatch batch, BatchTokens tokens, PublicKeyPackage publicKeys,
        IReadOnlyList<NodeId> peers, CancellationToken cancellationToken)
    {
        var k = tokens.Items.Count;
        var epoch = batch.Epoch;
        // Commitments: peers' from stock (refilled when short), ours fresh from our own pool.
        var reserved = await Task.WhenAll(peers.Select(p => supply.TakeAsync(p, epoch, k, cancellationToken))).ConfigureAwait(false);
        var missing = peers.Where((p, i) => reserved[i] is null).ToList();
        if (missing.Count > 0)
        {
            foreach (var p in missing) node.Peers.MarkTimedOut(p);
            return RoundOutcome.Retry("no nonce commitments from " + string.Join(",", missing), missing, [], missing);
        }
        if (!node.Vault.Use(epoch, s => s.Nonces.Publish(k), out var own) || own.Count < k)
            return RoundOutcome.Abort("coordinator could not pre-process its own nonces");

        var packages = new SigningPackage[k];
        var items = new ShareItem[k];
        for (int i = 0; i < k; i++)
        {
            var commitments = new List<SigningCommitments>(peers.Count + 1) { own[i] };
            for (int j = 0; j < peers.Count; j++) commitments.Add(reserved[j]![i]);
            var message = tokens.Items[i].Token.SignedAttributesDer;
            if (!SigningPackage.Create(commitments, message.Span).TryGet(out packages[i]!, out var e))
                return RoundOutcome.Abort("signing package rejected: " + e.Failure);
            items[i] = new ShareItem(tokens.Items[i].Token.TstInfoDer.ToArray(), message.ToArray(),
                [.. packages[i].Commitments.Select(c => c.ToBytes())]);
        }

        List<NodeId> signers = [node.Id, .. peers];
        var roundId = RoundId.New();
        var answers = peers.Select(p => node.Pending.Expect(roundId, p)).ToArray();
        var unreachable = new List<NodeId>();
        foreach (var p in peers)
            if (!await node.Messenger.SendAsync(p, new ProduceSignatureShares(roundId, node.Id, p, epoch, signers, items), cancellationToken).ConfigureAwait(false))
                unreachable.Add(p);

        // Our own shares while the peers compute theirs.
        var ownShares = new SignatureShare[k];
        string? ownError = null;
        node.Vault.Use(epoch, s =>
        {
            for (int i = 0; i < k && ownError is null; i++)
                if (s.Nonces.Sign(packages[i]).TryGet(out var share, out var e)) ownShares[i] = share;
                else ownError = e.Failure.ToString();
            return 0;
        }, out _);
        if (ownError is not null)
        {
            node.Pending.Abandon(roundId, peers);
            return RoundOutcome.Abort("coordinator could not sign its own share: " + ownError);
        }

        try { await Task.WhenAll(answers).WaitAsync(node.Options.RoundTimeout, cancellationToken).ConfigureAwait(false); }
        catch (TimeoutException) { }
        node.Pending.Abandon(roundId, peers);

        var exclude = new List<NodeId>(unreachable);
        var silent = new List<NodeId>(unreachable);
        var restock = new List<NodeId>();
        var shares = new SignatureShare[peers.Count][];
        var reasons = new List<string>();
        for (int j = 0; j < peers.Count; j++)
        {
            var p = peers[j];
            if (exclude.Contains(p)) continue;
            if (!answers[j].IsCompletedSuccessfully)
            {
                node.Peers.MarkTimedOut(p);
                exclude.Add(p);
                silent.Add(p);
                reasons.Add($"{p} timed out");
                continue;
            }
            var answer = answers[j].Result;
            if (answer.Shares is null)
            {
                reasons.Add($"{p} refused: {answer.RefusalReason}");
                // out-of-date stock (the peer's pool was replaced, e.g. by a refresh): ask it again, don't drop it
                if (answer.StaleCommitments) { supply.Reset(p); restock.Add(p); }
                else exclude.Add(p);
                continue;
            }
            if (ParseShares(answer.Shares, p, k) is { } parsed) shares[j] = parsed;
            else
            {
                exclude.Add(p);
                reasons.Add($"{p} sent malformed shares");
            }
        }
        if (exclude.Count > 0 || restock.Count > 0) return RoundOutcome.Retry(string.Join("; ", reasons.DefaultIfEmpty("unreachable peers")), exclude, [], silent);

        var signatures = new byte[k][];
        for (int i = 0; i < k; i++)
        {
            var all = new List<SignatureShare>(peers.Count + 1) { ownShares[i] };
            for (int j = 0; j < peers.Count; j++) all.Add(shares[j][i]);
            if (!Aggregate.Combine(packages[i], all, publicKeys).TryGet(out var signature, out var e))
            {
                var named = e.Culprits.Select(c => NodeId.FromIndex(c.Value)).ToList();
                return named.Count > 0 && !named.Contains(node.Id)
                    ? RoundOutcome.Retry($"invalid signature share from {string.Join(",", named)}", named, named, [])
                    : RoundOutcome.Abort("aggregation failed: " + e.Failure);
            }
            signatures[i] = signature.ToArray();
        }
        return new RoundOutcome(signatures, null, [], [], [], false);
    }

    private static SignatureShare[]? ParseShares(IReadOnlyList<byte[]> raw, NodeId from, int count)
    {
        if (raw.Count != count) return null;
        var expected = ParticipantId.FromNode(from);
        var parsed = new SignatureShare[count];
        for (int i = 0; i < count; i++)
        {
            if (!SignatureShare.FromBytes(raw[i]).TryGet(out var s, out _) || s.Identifier != expected) return null;
            parsed[i] = s;
        }
        return parsed;
    }

    private TimestampBatchFailed Fail(SignTimestampBatch batch, string reason, bool retryable, IReadOnlyList<NodeId> culprits, IReadOnlyList<NodeId>? silent = null)
    {
        SignerLog.BatchFailed(node.Logger, node.Id, batch.Batch, reason);
        return new TimestampBatchFailed(batch.Batch, node.Id, reason, retryable, [.. culprits.Distinct()], [.. (silent ?? []).Distinct()]);
    }

    /// <summary>One attempt's result: signatures, or why it failed, whom to exclude next time, who cheated and who never answered.</summary>
    private sealed record RoundOutcome(byte[][]? Signatures, string? Reason, IReadOnlyList<NodeId> Exclude, IReadOnlyList<NodeId> Culprits, IReadOnlyList<NodeId> Silent, bool Fatal)
    {
        public static RoundOutcome Retry(string reason, IReadOnlyList<NodeId> exclude, IReadOnlyList<NodeId> culprits, IReadOnlyList<NodeId> silent) =>
            new(null, reason, exclude, culprits, silent, false);

        public static RoundOutcome Abort(string reason) => new(null, reason, [], [], [], true);
    }
}
