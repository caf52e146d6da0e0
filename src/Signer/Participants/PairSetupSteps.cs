using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Dkls23.Setup;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Participants;

/// <summary>
/// The decisions of one node's pairwise setups (see <see cref="EcdsaSetupParticipant"/>), one
/// attempt per (epoch, peer), all under one lock: offering, answering an offer (a fresh one, or the
/// reply to ours), finishing with the peer's answer and keeping the pair only if the vault still
/// holds the key share (same key sid) it was made for. Returns the messages to send.
/// <paramref name="paired"/> runs after a pair is kept (the node then tells the control plane).
/// </summary>
internal sealed class PairSetupSteps(NodeContext node, Action paired)
{
    /// <summary>Offers kept for a key share not held yet: one per (epoch, peer), the latest.</summary>
    private readonly Dictionary<(int Epoch, NodeId Peer), EcdsaPairSetupOffered> _parked = [];
    private readonly Dictionary<(int Epoch, NodeId Peer), PairSetupAttempt> _attempts = [];
    /// <summary>The highest offer sequence seen from each peer per epoch: a lower one is an offer the peer already replaced.</summary>
    private readonly Dictionary<(int Epoch, NodeId Peer), long> _latestOffer = [];
    /// <summary>
    /// This node's offer numbering. Seeded from the wall clock so that a restarted node's offers still
    /// count as newer than its previous life's (ordering only, never trusted for time; peers also
    /// forget a restarted node's numbering, <see cref="ForgetPeer"/>).
    /// </summary>
    private long _sequence = TimeProvider.System.GetUtcNow().UtcTicks;
    private const int MaxParked = 64;
    private readonly Lock _gate = new();
    private ParticipantId Self => ParticipantId.FromNode(node.Id);

    public IReadOnlyList<int> HeldEpochs() => node.Vault.EcdsaEpochs();

    /// <summary>Peers of the epoch's key share with no finished setup and no attempt under way.</summary>
    public IReadOnlyList<NodeId> MissingPairs(int epoch)
    {
        if (KeyOf(epoch) is not { } key) return [];
        lock (_gate)
            return [.. key.Participants.Where(p => p != Self && !key.Paired.Contains(p))
                .Select(p => NodeId.FromIndex(p.Value))
                .Where(p => !(_attempts.TryGetValue((epoch, p), out var a) && a.KeySid.AsSpan().SequenceEqual(key.Sid)))];
    }

    /// <summary>
    /// Peers of the epoch's key share whose setup attempt has not moved for <paramref name="after"/>,
    /// or with no finished setup and no attempt (a failed finish, a dropped offer): nothing else would
    /// ever move them on. The answering side of an attempt has no retry of its own (the offerer
    /// retries), so when the answer that would finish it is lost while the offerer finished, only this
    /// finds it. A re-setup stalled beside an older pair counts too: the peer may hold the new pair.
    /// </summary>
    public IReadOnlyList<NodeId> Stalled(int epoch, TimeSpan after)
    {
        if (KeyOf(epoch) is not { } key) return [];
        var now = node.Options.Time.GetUtcNow();
        lock (_gate)
            return [.. key.Participants.Where(p => p != Self)
                .Select(p => NodeId.FromIndex(p.Value))
                .Where(p => _attempts.TryGetValue((epoch, p), out var a) && a.KeySid.AsSpan().SequenceEqual(key.Sid)
                    ? now - a.Progressed >= after
                    : !key.Paired.Contains(ParticipantId.FromNode(p)))];
    }

    /// <summary>The peers this node holds a finished setup with for <paramref name="epoch"/>'s key share (null without one).</summary>
    public IReadOnlyList<NodeId>? PairedPeers(int epoch) =>
        KeyOf(epoch) is { } key ? [.. key.Paired.Select(p => NodeId.FromIndex(p.Value)).OrderBy(p => p.Value, StringComparer.Ordinal)] : null;

    public IReadOnlyList<EcdsaPairSetupOffered> TakeParked(int epoch)
    {
        lock (_gate)
        {
            var taken = _parked.Where(kv => kv.Key.Epoch == epoch).ToList();
            foreach (var kv in taken) _parked.Remove(kv.Key);
            return [.. taken.Select(kv => kv.Value)];
        }
    }

    /// <summary>A peer restarted (new node key): its offers are numbered afresh.</summary>
    public void ForgetPeer(NodeId peer)
    {
        lock (_gate)
            foreach (var slot in _latestOffer.Keys.Where(k => k.Peer == peer).ToList()) _latestOffer.Remove(slot);
    }

    /// <summary>
    /// Forgets the offer numbering and the unfinished attempts of every epoch the vault no longer
    /// holds (discarded after a rekey, wiped by a kill): no offer of such an epoch is compared any
    /// more (it is parked), no attempt of it can end in a pair, and kept they would grow with every
    /// epoch the node ever held and keep setup secrets alive. An epoch still held is left alone, also
    /// while a refresh or repair swaps its shares: its numbering still tells stale offers apart.
    /// </summary>
    public void ForgetDroppedEpochs()
    {
        lock (_gate)
        {
            foreach (var slot in _latestOffer.Keys.Where(k => !node.Vault.Holds(k.Epoch)).ToList()) _latestOffer.Remove(slot);
            foreach (var slot in _attempts.Keys.Where(k => !node.Vault.Holds(k.Epoch)).ToList())
                if (_attempts.Remove(slot, out var dropped)) dropped.Dispose();
        }
    }

    /// <summary>The epochs whose offer numbering is remembered (bounded by <see cref="ForgetDroppedEpochs"/>).</summary>
    public IReadOnlyList<int> NumberedEpochs()
    {
        lock (_gate) return [.. _latestOffer.Keys.Select(k => k.Epoch).Distinct().Order()];
    }

    /// <summary>When <paramref name="attempt"/> is still the unfinished attempt with the peer: when the peer last moved it on; else null.</summary>
    public DateTimeOffset? Pending(int epoch, NodeId peer, Guid attempt)
    {
        lock (_gate) return _attempts.TryGetValue((epoch, peer), out var a) && a.Id == attempt ? a.Progressed : null;
    }

    /// <summary>A fresh offer (null when the share is gone, or, unless forced, the pair exists or is under way).</summary>
    public EcdsaPairSetupOffered? Offer(int epoch, NodeId peer, bool force)
    {
        if (KeyOf(epoch) is not { } key || !key.Participants.Contains(ParticipantId.FromNode(peer)) || peer == node.Id) return null;
        lock (_gate)
        {
            if (!force && (key.Paired.Contains(ParticipantId.FromNode(peer))
                || (_attempts.TryGetValue((epoch, peer), out var current) && current.KeySid.AsSpan().SequenceEqual(key.Sid)))) return null;
            var a = Begin(epoch, peer, key.Sid);
            return OfferOf(a, null);
        }
    }

    /// <summary>What to send for a peer's offer: our own offer (for a fresh one) and our answer; nothing when it is stale.</summary>
    public (EcdsaPairSetupOffered? Reply, EcdsaPairSetupAnswered? Answer) Answer(EcdsaPairSetupOffered offer)
    {
        var key = KeyOf(offer.Epoch);
        lock (_gate)
        {
            var slot = (offer.Epoch, offer.From);
            if (key is null || !key.Sid.AsSpan().SequenceEqual(offer.KeySid))
            {
                // a share this node does not hold yet (the offerer stored its share first): answered when it arrives
                // (bounded: an attested peer can't fill memory with offers for made-up epochs)
                if (_parked.Count < MaxParked || _parked.ContainsKey(slot)) _parked[slot] = offer;
                return default;
            }
            if (!key.Participants.Contains(ParticipantId.FromNode(offer.From))) return default;
            // superseded: the peer has made a later offer since (delivered first), which this one must not undo
            if (_latestOffer.TryGetValue(slot, out var latest) && offer.Sequence <= latest) return default;
            _latestOffer[slot] = offer.Sequence;
            if (offer.InReplyTo is { } ours)
            {
                if (!_attempts.TryGetValue(slot, out var a) || a.Id != ours || a.PeerAttempt is not null) return default;
                if (Round2(a, offer) is not { } answer) return default;
                if (a.ParkedAnswer is { } parked && parked.Attempt == a.PeerAttempt) FinishLocked(a, parked);
                return (null, answer);
            }
            // both offered at once: the lower node id's offer wins, the other side answers it
            if (_attempts.TryGetValue(slot, out var mine) && mine.PeerAttempt is null && Self < ParticipantId.FromNode(offer.From)
                && mine.KeySid.AsSpan().SequenceEqual(key.Sid)) return default;
            var fresh = Begin(offer.Epoch, offer.From, key.Sid);
            var reply = OfferOf(fresh, offer.Attempt);
            return Round2(fresh, offer) is { } freshAnswer ? (reply, freshAnswer) : default;
        }
    }

    /// <summary>The peer's answer to our offer: finish (or keep it until the peer's offer is in).</summary>
    public void Finish(EcdsaPairSetupAnswered answer)
    {
        lock (_gate)
        {
            if (!_attempts.TryGetValue((answer.Epoch, answer.From), out var a) || a.Id != answer.OfferAttempt) return;
            a.Progressed = node.Options.Time.GetUtcNow();
            if (a.PeerAttempt is null) a.ParkedAnswer = answer;
            else if (a.PeerAttempt == answer.Attempt) FinishLocked(a, answer);
        }
    }

    private PairSetupAttempt Begin(int epoch, NodeId peer, byte[] sid)
    {
        if (_attempts.Remove((epoch, peer), out var old)) old.Dispose();
        var (secret, round1) = PairwiseSetup.Round1(sid, Self, ParticipantId.FromNode(peer));
        var a = new PairSetupAttempt(epoch, sid, peer, secret, round1, node.Options.Time.GetUtcNow());
        _attempts[(epoch, peer)] = a;
        return a;
    }

    private EcdsaPairSetupOffered OfferOf(PairSetupAttempt a, Guid? inReplyTo) =>
        new(node.Id, a.Peer, a.Epoch, a.KeySid, a.Id, inReplyTo, a.Keys.PublicKey.Bytes.ToArray(), a.Own.S, a.Own.SeedCommitment, ++_sequence);

    /// <summary>Our message 2 for the peer's offer; the seed opening sealed to the peer's setup key. Null (attempt dropped) when the offer is bad.</summary>
    private EcdsaPairSetupAnswered? Round2(PairSetupAttempt a, EcdsaPairSetupOffered offer)
    {
        var peer = ParticipantId.FromNode(offer.From);
        if (offer.SetupKey is null || !ChannelPublicKey.TryFromBytes(offer.SetupKey, out var peerKey)) return Drop(a, "setup key does not parse");
        var r2 = PairwiseSetup.Round2(a.Secret!, new SetupRound1(peer, Self, offer.S, offer.SeedCommitment));
        if (!r2.TryGet(out var m2, out var error)) return Drop(a, error.ToString());
        var sealedSeed = SetupSeedSeal.Seal(Self, peer, m2.Seed, m2.Salt, peerKey, Context(node.Id, offer.From, a.Epoch, a.KeySid, offer.Attempt));
        CryptographicOperations.ZeroMemory(m2.Seed);
        a.PeerAttempt = offer.Attempt;
        a.Progressed = node.Options.Time.GetUtcNow();
        return new EcdsaPairSetupAnswered(node.Id, offer.From, a.Epoch, a.KeySid, a.Id, offer.Attempt, m2.R, sealedSeed);
    }

    private void FinishLocked(PairSetupAttempt a, EcdsaPairSetupAnswered answer)
    {
        _attempts.Remove((a.Epoch, a.Peer));
        using (a)
        {
            var peer = ParticipantId.FromNode(a.Peer);
            if (SetupSeedSeal.Open(answer.SealedSeed ?? [], peer, a.Keys, Context(a.Peer, node.Id, a.Epoch, a.KeySid, a.Id)) is not { } opening)
            {
                SignerLog.EcdsaPairFailed(node.Logger, node.Id, a.Peer, a.Epoch, $"{a.Peer}'s seed opening does not open");
                return;
            }
            var secret = a.Secret!;
            a.Secret = null; // Finish consumes it
            var result = PairwiseSetup.Finish(secret, new SetupRound2(peer, Self, answer.R, opening.Seed, opening.Salt));
            CryptographicOperations.ZeroMemory(opening.Seed);
            if (!result.TryGet(out var pair, out var error))
            {
                SignerLog.EcdsaPairFailed(node.Logger, node.Id, a.Peer, a.Epoch, error.ToString());
                return;
            }
            // kept only beside the key share it was made for: a refresh or repair in between made it useless
            var kept = node.Vault.Use(a.Epoch, s =>
            {
                if (s.Ecdsa is not { } e || !e.Key.SidBytes.SequenceEqual(a.KeySid)) return false;
                e.AddPair(pair);
                return true;
            }, out var added) && added;
            if (!kept) pair.Dispose();
            else
            {
                SignerLog.EcdsaPairReady(node.Logger, node.Id, a.Peer, a.Epoch, (long)(node.Options.Time.GetUtcNow() - a.Started).TotalMilliseconds);
                paired();
            }
        }
    }

    private EcdsaPairSetupAnswered? Drop(PairSetupAttempt a, string reason)
    {
        _attempts.Remove((a.Epoch, a.Peer));
        a.Dispose();
        SignerLog.EcdsaPairFailed(node.Logger, node.Id, a.Peer, a.Epoch, reason);
        return null;
    }

    /// <summary>The seal of a seed opening binds pair, epoch, key share and the recipient's attempt (whose single-use key it is).</summary>
    private static SealContext Context(NodeId from, NodeId to, int epoch, byte[] sid, Guid recipientAttempt) =>
        new(from, to, $"dkls23-setup/{epoch}/{Convert.ToHexString(sid)}/{recipientAttempt:N}");

    private sealed record KeyView(byte[] Sid, IReadOnlyList<ParticipantId> Participants, HashSet<ParticipantId> Paired);

    private KeyView? KeyOf(int epoch) =>
        node.Vault.Use(epoch, s => s.Ecdsa is { } e ? new KeyView([.. e.Key.SidBytes], e.Key.Participants, [.. e.Pairs.Keys]) : null, out var view) ? view : null;
}
