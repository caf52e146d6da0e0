using System.Security.Cryptography;

namespace CcTsa.Signer.Channel;

/// <summary>
/// The peers this node has attested: peer → verified channel key, plus reachability facts. A
/// protocol message is accepted only from a peer in here. Attestation is nonce-based: the node
/// issues a fresh random nonce per request and accepts a report only for the nonce it issued last
/// to that peer (once), so replayed reports are refused. A peer that announces a different channel
/// key (a restart) loses its attested status until it attests again.
/// </summary>
public sealed class AttestedPeers
{
    public const int NonceSize = 32;

    private readonly object _gate = new();
    private readonly Dictionary<NodeId, PeerState> _peers = [];
    private readonly Dictionary<NodeId, (byte[] Nonce, DateTimeOffset IssuedAt)> _pendingNonces = [];
    private readonly Dictionary<NodeId, TaskCompletionSource> _waiters = [];

    /// <summary>Raised (outside the lock) when a peer becomes attested.</summary>
    public event Action<NodeId>? PeerAttested;

    public IReadOnlyList<PeerState> Snapshot()
    {
        lock (_gate) return [.. _peers.Values.OrderBy(p => p.Node.Index)];
    }

    public IReadOnlyList<NodeId> AttestedNodes()
    {
        lock (_gate) return [.. _peers.Values.Where(p => p.Attested).Select(p => p.Node).OrderBy(n => n.Index)];
    }

    public bool IsAttested(NodeId peer)
    {
        lock (_gate) return _peers.TryGetValue(peer, out var p) && p.Attested;
    }

    /// <summary>The verified channel key of <paramref name="peer"/> (a copy), or null when not attested.</summary>
    public byte[]? ChannelKey(NodeId peer)
    {
        lock (_gate) return _peers.TryGetValue(peer, out var p) && p.ChannelKey is { } k ? (byte[])k.Clone() : null;
    }

    /// <summary>The Ed25519 message key the peer's verified report bound, or null when not attested.</summary>
    /// <remarks>The array is never written after attestation (a new one replaces it), so no copy on the message path.</remarks>
    public byte[]? SigningKey(NodeId peer)
    {
        lock (_gate) return _peers.TryGetValue(peer, out var p) && p.ChannelKey is not null ? p.SigningKey : null;
    }

    /// <summary>
    /// Records a peer's announcement. Returns true when the peer needs (re-)attestation: never
    /// attested, or its channel key differs from the attested one (it restarted).
    /// </summary>
    public bool Observe(NodeId peer, string provider, ReadOnlySpan<byte> channelKey, bool clockHealthy, int? epochHeld, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (_peers.TryGetValue(peer, out var p))
            {
                var keyChanged = p.ChannelKey is { } k && !CryptographicOperations.FixedTimeEquals(k, channelKey);
                _peers[peer] = p with
                {
                    Provider = provider,
                    ChannelKey = keyChanged ? null : p.ChannelKey,
                    SigningKey = keyChanged ? null : p.SigningKey,
                    AttestedAt = keyChanged ? null : p.AttestedAt,
                    LastHeard = at,
                    ClockHealthy = clockHealthy,
                    TimedOut = false,
                    EpochHeld = epochHeld,
                };
                return keyChanged || p.ChannelKey is null;
            }
            _peers[peer] = new PeerState(peer, provider, null, null, at, clockHealthy, false, epochHeld);
            return true;
        }
    }

    /// <summary>
    /// A fresh nonce for an attestation request to <paramref name="peer"/>, or null while an earlier
    /// request is still unanswered and younger than <paramref name="patience"/> (both sides asking
    /// each other at once must not replace each other's nonces forever).
    /// </summary>
    public byte[]? IssueNonce(NodeId peer, DateTimeOffset now, TimeSpan patience)
    {
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        lock (_gate)
        {
            if (_pendingNonces.TryGetValue(peer, out var pending) && now - pending.IssuedAt < patience) return null;
            _pendingNonces[peer] = (nonce, now);
        }
        return (byte[])nonce.Clone();
    }

    /// <summary>Consumes the pending nonce if <paramref name="nonce"/> equals it (single use).</summary>
    public bool TakeNonce(NodeId peer, ReadOnlySpan<byte> nonce)
    {
        lock (_gate)
        {
            if (!_pendingNonces.TryGetValue(peer, out var expected) || !CryptographicOperations.FixedTimeEquals(expected.Nonce, nonce)) return false;
            _pendingNonces.Remove(peer);
            return true;
        }
    }

    /// <summary>Marks <paramref name="peer"/> attested with the channel and signing keys its verified report binds.</summary>
    public void Accept(NodeId peer, string provider, ReadOnlySpan<byte> channelKey, ReadOnlySpan<byte> signingKey, DateTimeOffset at)
    {
        TaskCompletionSource? waiter;
        lock (_gate)
        {
            var key = channelKey.ToArray();
            var signing = signingKey.ToArray();
            _peers[peer] = _peers.TryGetValue(peer, out var p)
                ? p with { Provider = provider, ChannelKey = key, SigningKey = signing, AttestedAt = at, LastHeard = at, TimedOut = false }
                : new PeerState(peer, provider, key, at, at, true, false, null, signing);
            _waiters.Remove(peer, out waiter);
        }
        waiter?.TrySetResult();
        PeerAttested?.Invoke(peer);
    }

    /// <summary>Drops a peer's attested status (failed re-attestation, or the peer was rejected).</summary>
    public void Revoke(NodeId peer)
    {
        lock (_gate)
            if (_peers.TryGetValue(peer, out var p)) _peers[peer] = p with { ChannelKey = null, SigningKey = null, AttestedAt = null };
    }

    /// <summary>Any message from the peer proves it is alive and reachable again.</summary>
    public void Heard(NodeId peer, DateTimeOffset at)
    {
        lock (_gate)
            if (_peers.TryGetValue(peer, out var p)) _peers[peer] = p with { LastHeard = at, TimedOut = false };
    }

    /// <summary>The peer failed to answer in time: not reachable until heard again.</summary>
    public void MarkTimedOut(NodeId peer)
    {
        lock (_gate)
            if (_peers.TryGetValue(peer, out var p)) _peers[peer] = p with { TimedOut = true };
    }

    /// <summary>Completes when <paramref name="peer"/> is attested (immediately if it already is).</summary>
    public Task WaitAttestedAsync(NodeId peer, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_peers.TryGetValue(peer, out var p) && p.Attested) return Task.CompletedTask;
            if (!_waiters.TryGetValue(peer, out var tcs))
                _waiters[peer] = tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return tcs.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Forgets everything (node kill).</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _peers.Clear();
            _pendingNonces.Clear();
        }
    }
}
