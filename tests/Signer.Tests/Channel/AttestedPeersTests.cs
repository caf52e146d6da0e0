using CcTsa.Signer.Channel;

namespace CcTsa.Signer.Tests.Channel;

public class AttestedPeersTests
{
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly byte[] KeyA = [.. Enumerable.Repeat((byte)0xA1, 32)];
    private static readonly byte[] KeyB = [.. Enumerable.Repeat((byte)0xB2, 32)];

    [Fact]
    public void Nonce_is_accepted_once_and_only_when_it_matches()
    {
        var peers = new AttestedPeers();
        var nonce = peers.IssueNonce(N2, T0, TimeSpan.FromSeconds(5))!;
        Assert.False(peers.TakeNonce(N2, new byte[32]));
        Assert.True(peers.TakeNonce(N2, nonce));
        Assert.False(peers.TakeNonce(N2, nonce)); // replay
    }

    [Fact]
    public void A_second_request_waits_for_the_first_until_patience_runs_out()
    {
        var peers = new AttestedPeers();
        Assert.NotNull(peers.IssueNonce(N2, T0, TimeSpan.FromSeconds(5)));
        Assert.Null(peers.IssueNonce(N2, T0.AddSeconds(1), TimeSpan.FromSeconds(5)));
        Assert.NotNull(peers.IssueNonce(N2, T0.AddSeconds(6), TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Announcing_another_channel_key_revokes_the_attestation()
    {
        var peers = new AttestedPeers();
        Assert.True(peers.Observe(N2, "gcp", KeyA, true, null, T0));
        peers.Accept(N2, "gcp", KeyA, KeyA, T0);
        Assert.True(peers.IsAttested(N2));
        Assert.Equal(KeyA, peers.ChannelKey(N2));
        Assert.False(peers.Observe(N2, "gcp", KeyA, true, 1, T0.AddSeconds(1)));
        Assert.True(peers.Observe(N2, "gcp", KeyB, true, null, T0.AddSeconds(2)));
        Assert.False(peers.IsAttested(N2));
        Assert.Null(peers.ChannelKey(N2));
    }

    [Fact]
    public async Task Waiter_completes_when_the_peer_is_accepted()
    {
        var peers = new AttestedPeers();
        var wait = peers.WaitAttestedAsync(N2, CancellationToken.None);
        Assert.False(wait.IsCompleted);
        peers.Accept(N2, "gcp", KeyA, KeyA, T0);
        await wait;
        Assert.True(peers.WaitAttestedAsync(N2, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public void Timed_out_peer_is_reachable_again_once_heard()
    {
        var peers = new AttestedPeers();
        peers.Accept(N2, "gcp", KeyA, KeyA, T0);
        peers.MarkTimedOut(N2);
        Assert.True(peers.Snapshot().Single().TimedOut);
        peers.Heard(N2, T0.AddSeconds(1));
        Assert.False(peers.Snapshot().Single().TimedOut);
    }

    [Fact]
    public void A_peer_is_quiet_after_two_beats_without_a_message_and_never_without_a_beat()
    {
        var peers = new AttestedPeers();
        peers.Observe(N2, "gcp", KeyA, clockHealthy: true, epochHeld: null, T0);
        var beat = TimeSpan.FromSeconds(1);
        Assert.False(Peer(peers).Quiet(T0 + 2 * beat, beat));
        Assert.True(Peer(peers).Quiet(T0 + 2 * beat + TimeSpan.FromMilliseconds(1), beat));
        Assert.False(Peer(peers).Quiet(T0.AddHours(1), TimeSpan.Zero)); // no probes, no heartbeats: nothing to miss
        // any accepted message makes it heard again
        peers.Heard(N2, T0.AddSeconds(10));
        Assert.False(Peer(peers).Quiet(T0.AddSeconds(11), beat));
    }

    private static PeerState Peer(AttestedPeers peers) => peers.Snapshot().Single(p => p.Node == N2);
}
