using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Signing;

namespace CcTsa.ControlPlane.Tests.Fleet;

/// <summary>
/// The failover while nodes are being lost (the two-node-loss scenario's 503s, session 7's CI): a
/// coordinator the roster loses stops holding one of the two "asked" slots, and the avoid list never
/// leaves a coordinator fewer than t−1 peers to sign with.
/// </summary>
public sealed partial class SigningFailoverTests
{
    [Fact]
    public async Task A_coordinator_lost_while_asked_frees_its_slot_and_the_next_is_asked_at_once()
    {
        // n1 and its hedge n2 both silent; the hard timeout is 10 minutes, so only freeing n1's slot when
        // the roster loses it (heartbeats stopped) lets n3 be asked within this test's 60 s
        _answers[N(3)] = m => new RawMessageSigned(m.Round, N(3), m.Epoch, [N(3), N(4), N(5)], Signature);
        var (signer, _) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));

        var signing = signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None);
        while (_received.Count < 2) await Task.Delay(20);
        Assert.False(signing.IsCompleted);
        _state.Update(r => (r.WithOffline(N(1)), 0));
        var signed = await signing.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Signature, signed.Value);
        Assert.Equal([N(1), N(2), N(3)], _received.Select(t => t.Node).OrderBy(n => n.Index));
    }

    [Fact]
    public async Task With_two_nodes_lost_a_silent_coordinator_is_not_avoided_when_the_next_needs_it_to_sign()
    {
        // n1 and n4 lost; n2 (busy) silent as a coordinator: n3's only peers are n2 and n5, so its avoid
        // list names the lost nodes only — avoiding n2 too would make n3 ignore the whole list and
        // perhaps pick a dead node
        _state.Update(r => (r.WithOffline(N(1)).WithOffline(N(4)), 0));
        _answers[N(3)] = m => new RawMessageSigned(m.Round, N(3), m.Epoch, [N(3), N(2), N(5)], Signature);
        var (signer, _) = Hedging(TimeSpan.FromMinutes(10), TimeSpan.FromMilliseconds(50));

        var signed = await signer.SignAsync(new KeyEpoch(1), new byte[] { 1 }, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(Signature, signed.Value);
        var asked = _received.ToArray();
        Assert.Equal([N(2), N(3)], asked.Select(t => t.Node).OrderBy(n => n.Index));
        Assert.Equal([N(1), N(4)], asked.Single(t => t.Node == N(3)).Request.Avoid);
    }
}
