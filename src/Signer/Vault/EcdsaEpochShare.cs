using System.Collections.Concurrent;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Vault;

/// <summary>
/// The threshold-ECDSA (DKLs23, P-384) material of one epoch, held beside the FROST share in the
/// same <see cref="EpochShare"/> and wiped with it: the Shamir share of the P-384 key and, once the
/// pairwise setups with each peer have finished, their OT seeds. All of it is secret and memory only,
/// so a restart, refresh or repair loses it and the setups run again for the new share.
/// </summary>
public sealed class EcdsaEpochShare : IDisposable
{
    private readonly ConcurrentDictionary<ParticipantId, PairState> _pairs = new();
    private readonly Queue<PairState> _retired = new();
    private const int RetiredKept = 16;

    internal EcdsaEpochShare(KeyShare key) => Key = key;

    public KeyShare Key { get; }

    /// <summary>Finished presignatures of this epoch, each usable once (<see cref="PresignatureStore.Take"/>).</summary>
    public PresignatureStore Presignatures { get; } = new();

    /// <summary>Open presigning runs this node takes part in, bounded per coordinator.</summary>
    public PresignRunTable Runs { get; } = new();

    /// <summary>Opens a run (<see cref="PresignRunTable.Open"/>); false when the id is taken.</summary>
    public bool OpenRun(RoundId id, PresignRun run) => Runs.Open(id, run);

    /// <summary>The open run <paramref name="id"/> of <paramref name="coordinator"/>, if any.</summary>
    public PresignRun? Run(RoundId id, NodeId coordinator) => Runs.Run(id, coordinator);

    /// <summary>Ends a run and wipes what is left of its sessions.</summary>
    public void CloseRun(RoundId id) => Runs.Close(id);

    /// <summary>The finished pairwise setups, by peer.</summary>
    public IReadOnlyDictionary<ParticipantId, PairState> Pairs => _pairs;

    /// <summary>Keeps the setup with <paramref name="pair"/>'s peer, retiring an older one. Takes ownership.</summary>
    public void AddPair(PairState pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        PairState? old = null;
        _pairs.AddOrUpdate(pair.Peer, pair, (_, existing) => { old = existing; return pair; });
        Retire(old);
    }

    /// <summary>Drops the setup with <paramref name="peer"/> (it restarted: its side of the pair is gone).</summary>
    public void RemovePair(ParticipantId peer)
    {
        if (_pairs.TryRemove(peer, out var old)) Retire(old);
    }

    /// <summary>
    /// A replaced or dropped pair is wiped only after <see cref="RetiredKept"/> later ones (or with
    /// the share): a presign run that took it a moment earlier still reads it, and wiping it under
    /// that run threw ObjectDisposedException in round 2 (seen when a pair was set up twice at once).
    /// Such a run then fails its checks against the peer's new pair and is dropped; nothing is blamed.
    /// </summary>
    private void Retire(PairState? old)
    {
        if (old is null) return;
        lock (_retired)
        {
            _retired.Enqueue(old);
            while (_retired.Count > RetiredKept) _retired.Dequeue().Dispose();
        }
    }

    public void Dispose()
    {
        Presignatures.Dispose();
        Runs.Dispose();
        foreach (var p in _pairs.Values) p.Dispose();
        _pairs.Clear();
        lock (_retired)
            while (_retired.Count > 0) _retired.Dequeue().Dispose();
        Key.Dispose();
    }

    public override string ToString() => $"EcdsaEpochShare({Key.Self}, {_pairs.Count} pairs, [redacted])";
}
