using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Common;
using CcTsa.Signer.Coordinator;

namespace CcTsa.Signer.Schemes;

/// <summary>
/// A threshold signature scheme as the one signing pipeline sees it. The pipeline (subset choice,
/// failover, refusals, restock, culprits) is the same for every scheme; what a scheme supplies is
/// its stock of precomputed material per peer (FROST: nonce commitments; DKLs23 threshold ECDSA:
/// message-independent presignatures), the public per-item material it puts in a round, its own
/// share, share checks and aggregation. A scheme with more online rounds (threshold ML-DSA: commit,
/// reveal, respond) keeps the same coordinator contract and runs its extra rounds inside
/// <see cref="ISchemeRound"/>.
/// </summary>
internal interface IThresholdScheme
{
    /// <summary>The scheme's name as requests and ProduceSignatureShares carry it ("frost-ed25519", "ecdsa-p384").</summary>
    string Name { get; }

    /// <summary>Most items one round carries; a larger batch is signed in several rounds with the same subset.</summary>
    int MaxItemsPerRound => int.MaxValue;

    /// <summary>The group's public facts for an epoch this node holds a share of; null otherwise.</summary>
    SchemeEpoch? Describe(int epoch);

    /// <summary>Coordinator: how much precomputed material of <paramref name="peer"/> is in stock (subsets prefer full stocks).</summary>
    int Stocked(NodeId peer, int epoch);

    /// <summary>Coordinator: the material in stock for a round with exactly <paramref name="peers"/> (what the subset choice ranks by).</summary>
    int Stocked(IReadOnlyList<NodeId> peers, int epoch);

    /// <summary>Coordinator: <paramref name="peer"/> can sign this epoch with this node under the scheme (DKLs23: their pairwise setup is done).</summary>
    bool CanSignWith(NodeId peer, int epoch);

    /// <summary>Coordinator: the peer's stock was stale (its pool was replaced); drop it and ask for fresh material.</summary>
    void Restock(NodeId peer);

    /// <summary>
    /// Coordinator: makes the material for a round of <paramref name="count"/> items with
    /// <paramref name="peers"/> available before the messages are stamped, so a slow refill (a
    /// presigning run) cannot age a genTime. Null when ready; otherwise whom to leave out. True in
    /// <c>Waited</c> when it had to wait (the pipeline then prepares the messages again).
    /// </summary>
    Task<(RoundOutcome? NotReady, bool Waited)> EnsureStockAsync(int epoch, IReadOnlyList<NodeId> peers, int count, CancellationToken cancellationToken);

    /// <summary>
    /// Coordinator: reserves the material of each peer and of this node for one round over
    /// <paramref name="messages"/>. Fails with the peers that did not deliver (retry without them)
    /// or a fatal reason (this node cannot take part).
    /// </summary>
    Task<Result<ISchemeRound, RoundOutcome>> OpenRoundAsync(int epoch, IReadOnlyList<NodeId> peers, IReadOnlyList<byte[]> messages,
        CancellationToken cancellationToken);

    /// <summary>Participant: one share per item of <paramref name="coordinator"/>'s round, after the purpose accepted every item; or why not.</summary>
    Result<IReadOnlyList<byte[]>, ShareRefusal> ProduceShares(int epoch, NodeId coordinator, IReadOnlyList<NodeId> signers, IReadOnlyList<ShareItem> items);
}
