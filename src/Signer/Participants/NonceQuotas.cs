using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The participant side of the nonce pool bounds: one <see cref="CommitmentLedger"/> per epoch pool,
/// applied when commitments are issued (<see cref="Issue"/>) and when a round presents them
/// (<see cref="Spent"/>). Expired commitments are taken out of the pool and their nonces wiped, so
/// a forged or abandoned stock frees its room after the time-to-live. A pool replaced by refresh or
/// repair starts a fresh ledger (its old commitments died with the old pool).
/// Quotas are keyed by the coordinator the request names; once node messages are authenticated that
/// name is the sender's proven identity.
/// </summary>
internal sealed class NonceQuotas(NodeContext node)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, (NoncePool Pool, CommitmentLedger Ledger)> _books = [];

    /// <summary>
    /// Publishes up to <paramref name="count"/> commitments for <paramref name="coordinator"/>, as its quota and the
    /// reserve allow: the serialized commitments, or why none (null when the epoch is not held).
    /// </summary>
    public Result<IReadOnlyList<byte[]>, string>? Issue(NodeId coordinator, int epoch, int count)
    {
        if (!node.Vault.Use(epoch, share => IssueFrom(share, coordinator, count), out var issued)) return null;
        return issued;
    }

    /// <summary>
    /// A round presented these commitments of this node (used, refused or forged): they stop counting,
    /// and any nonce still behind them is wiped, so a refused round can never be replayed on them.
    /// </summary>
    public void Spent(int epoch, IEnumerable<byte[]> mine)
    {
        ArgumentNullException.ThrowIfNull(mine);
        node.Vault.Use(epoch, share =>
        {
            lock (_gate)
            {
                var ledger = LedgerOf(share);
                foreach (var bytes in mine)
                    if (ledger.Release(Convert.ToHexString(bytes))) Wipe(share.Nonces, bytes);
                Sweep(share, ledger);
            }
            return 0;
        }, out _);
    }

    /// <summary>
    /// A coordinator (re)attested — a restarted node has lost its stock of our commitments, so they
    /// would count against its quota until the time-to-live. Wipes them now. A replayed attestation
    /// costs that coordinator only a restock (its next round meets stale commitments).
    /// </summary>
    public void Forget(NodeId coordinator)
    {
        int[] epochs;
        lock (_gate) epochs = [.. _books.Keys];
        foreach (var epoch in epochs)
            node.Vault.Use(epoch, share =>
            {
                lock (_gate)
                    foreach (var key in LedgerOf(share).Forget(coordinator)) Wipe(share.Nonces, Convert.FromHexString(key));
                return 0;
            }, out _);
    }

    /// <summary>Outstanding commitments of <paramref name="coordinator"/> in the epoch (tests, diagnostics).</summary>
    public int Outstanding(NodeId coordinator, int epoch)
    {
        lock (_gate) return _books.TryGetValue(epoch, out var b) ? b.Ledger.Outstanding(coordinator) : 0;
    }

    private Result<IReadOnlyList<byte[]>, string> IssueFrom(EpochShare share, NodeId coordinator, int count)
    {
        lock (_gate)
        {
            var ledger = LedgerOf(share);
            Sweep(share, ledger);
            var granted = ledger.Grantable(coordinator, count);
            if (granted == 0)
                return Result<IReadOnlyList<byte[]>, string>.Fail(ledger.Outstanding(coordinator) >= ledger.Quota
                    ? $"coordinator quota reached ({ledger.Outstanding(coordinator)} of {ledger.Quota} unused)"
                    : count <= 0 ? "no commitments asked for" : $"pool full outside the own-coordination reserve ({ledger.Total} unused)");
            var bytes = share.Nonces.Publish(granted).Select(c => c.ToBytes()).ToList();
            ledger.Issued(coordinator, bytes.Select(Convert.ToHexString), node.Options.Time.GetUtcNow());
            return bytes;
        }
    }

    private CommitmentLedger LedgerOf(EpochShare share)
    {
        if (_books.TryGetValue(share.Epoch, out var book) && ReferenceEquals(book.Pool, share.Nonces)) return book.Ledger;
        var ledger = new CommitmentLedger(node.Options.CommitmentQuota, EpochShare.NoncePoolCapacity,
            SignerNodeOptions.OwnCoordinationReserve, node.Options.CommitmentTtl);
        _books[share.Epoch] = (share.Nonces, ledger);
        return ledger;
    }

    private void Sweep(EpochShare share, CommitmentLedger ledger)
    {
        var expired = ledger.Expire(node.Options.Time.GetUtcNow());
        foreach (var key in expired) Wipe(share.Nonces, Convert.FromHexString(key));
        if (expired.Count > 0) SignerLog.CommitmentsExpired(node.Logger, node.Id, expired.Count, share.Epoch);
    }

    /// <summary>Takes the nonces behind a commitment out of the pool and wipes them; nothing when already used.</summary>
    private static void Wipe(NoncePool pool, byte[] commitment)
    {
        // only an unspent commitment of this pool has nonces behind it: no need to validate anything else
        if (pool.FindUnspent(commitment) is { } c && pool.Take(c).TryGet(out var nonces, out _))
            nonces.Dispose();
    }
}
