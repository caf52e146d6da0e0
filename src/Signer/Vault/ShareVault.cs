using CcTsa.Crypto.Frost;

namespace CcTsa.Signer.Vault;

/// <summary>
/// A node's shares, one per key epoch, in memory only: each <see cref="KeyPackage"/> lives in
/// sodium_malloc'd memory (locked, wiped when freed). Nothing here returns share bytes and
/// nothing is serializable: callers borrow the package inside <see cref="Use{T}"/>, under a read
/// lock, so a refresh or discard (write lock) can never wipe a share that is being used.
/// Dispose wipes every share; the node calls it on kill and at process exit.
/// </summary>
public sealed class ShareVault : IDisposable
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly Dictionary<int, EpochShare> _shares = [];
    private bool _disposed;

    /// <summary>Raised after a share is stored, replaced or removed (epoch number).</summary>
    public event Action<int>? Changed;

    /// <summary>The highest epoch held, if any.</summary>
    public int? LatestEpoch
    {
        get
        {
            _lock.EnterReadLock();
            try { return _shares.Count == 0 ? null : _shares.Keys.Max(); }
            finally { _lock.ExitReadLock(); }
        }
    }

    public bool Holds(int epoch)
    {
        _lock.EnterReadLock();
        try { return _shares.ContainsKey(epoch); }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>Stores (or replaces, wiping the old one) the share of <paramref name="epoch"/>. Takes ownership of <paramref name="key"/>.</summary>
    public void Store(int epoch, KeyPackage key, PublicKeyPackage publicKeys)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(publicKeys);
        _lock.EnterWriteLock();
        try
        {
            if (_disposed)
            {
                key.Dispose();
                throw new ObjectDisposedException(nameof(ShareVault));
            }
            // a refresh or repair replaces the FROST share; the ML-DSA share carries over until StoreMlDsa replaces it (a refresh re-keys it)
            var mlDsa = default(MlDsaEpochShare);
            if (_shares.Remove(epoch, out var old))
            {
                mlDsa = old.MlDsa;
                old.MlDsa = null;
                old.Dispose();
            }
            _shares[epoch] = new EpochShare(epoch, key, publicKeys) { MlDsa = mlDsa };
        }
        finally { _lock.ExitWriteLock(); }
        Changed?.Invoke(epoch);
    }

    /// <summary>
    /// Adds the threshold-ECDSA share to the held share of <paramref name="epoch"/> (replacing and
    /// wiping an older one). Takes ownership of <paramref name="key"/>; false (and wiped) when the
    /// epoch's FROST share is not held, since both come from the same ceremony.
    /// </summary>
    public bool StoreEcdsa(int epoch, Crypto.Dkls23.Dkg.KeyShare key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _lock.EnterWriteLock();
        try
        {
            if (_disposed || !_shares.TryGetValue(epoch, out var share))
            {
                key.Dispose();
                return false;
            }
            share.Ecdsa?.Dispose();
            share.Ecdsa = new EcdsaEpochShare(key);
        }
        finally { _lock.ExitWriteLock(); }
        Changed?.Invoke(epoch);
        return true;
    }

    /// <summary>
    /// Adds the threshold ML-DSA-65 share (and its DKG transcript, which redistribution checks
    /// against) to the held share of <paramref name="epoch"/>, wiping an older one. Takes ownership of
    /// <paramref name="share"/>; false (and wiped) when the epoch's FROST share is not held.
    /// </summary>
    public bool StoreMlDsa(int epoch, Crypto.MlDsa.PartyKeyShare share, Crypto.MlDsa.Dkg.DkgTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(share);
        ArgumentNullException.ThrowIfNull(transcript);
        _lock.EnterWriteLock();
        try
        {
            if (_disposed || !_shares.TryGetValue(epoch, out var held))
            {
                share.Dispose();
                return false;
            }
            held.MlDsa?.Dispose();
            held.MlDsa = new MlDsaEpochShare(share, transcript);
        }
        finally { _lock.ExitWriteLock(); }
        Changed?.Invoke(epoch);
        return true;
    }

    /// <summary>The epochs whose share holds a threshold-ECDSA share too.</summary>
    public IReadOnlyList<int> EcdsaEpochs()
    {
        _lock.EnterReadLock();
        try { return [.. _shares.Where(kv => kv.Value.Ecdsa is not null).Select(kv => kv.Key)]; }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>
    /// True when this node finished the pairwise setup with <paramref name="peer"/> for the epoch's
    /// current threshold-ECDSA share: a signing subset should hold only pairs for which this is true.
    /// </summary>
    public bool EcdsaReady(int epoch, Crypto.Sharing.ParticipantId peer) =>
        Use(epoch, s => s.Ecdsa?.Pairs.ContainsKey(peer) == true, out var ready) && ready;

    /// <summary>Wipes and forgets the share of <paramref name="epoch"/>; false if none was held.</summary>
    public bool Discard(int epoch)
    {
        bool removed;
        _lock.EnterWriteLock();
        try
        {
            removed = _shares.Remove(epoch, out var old);
            old?.Dispose();
        }
        finally { _lock.ExitWriteLock(); }
        if (removed) Changed?.Invoke(epoch);
        return removed;
    }

    /// <summary>
    /// Runs <paramref name="use"/> with the epoch's share while holding the read lock. Returns false
    /// (and default) when the epoch is not held. The callback must be synchronous and must not keep
    /// the <see cref="EpochShare"/>.
    /// </summary>
    public bool Use<T>(int epoch, Func<EpochShare, T> use, out T result)
    {
        ArgumentNullException.ThrowIfNull(use);
        _lock.EnterReadLock();
        try
        {
            if (_disposed || !_shares.TryGetValue(epoch, out var share))
            {
                result = default!;
                return false;
            }
            result = use(share);
            return true;
        }
        finally { _lock.ExitReadLock(); }
    }

    /// <summary>The public package of an epoch (public data; safe to keep).</summary>
    public PublicKeyPackage? PublicKeys(int epoch) =>
        Use(epoch, s => s.PublicKeys, out var p) ? p : null;

    /// <summary>Wipes every share. Idempotent.</summary>
    public void Clear()
    {
        List<int> epochs;
        _lock.EnterWriteLock();
        try
        {
            epochs = [.. _shares.Keys];
            foreach (var s in _shares.Values) s.Dispose();
            _shares.Clear();
        }
        finally { _lock.ExitWriteLock(); }
        foreach (var e in epochs) Changed?.Invoke(e);
    }

    public void Dispose()
    {
        if (_disposed) return;
        Clear();
        _lock.EnterWriteLock();
        _disposed = true;
        _lock.ExitWriteLock();
    }

    public override string ToString() => "ShareVault([redacted])";
}
