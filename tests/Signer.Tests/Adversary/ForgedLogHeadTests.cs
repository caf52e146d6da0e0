using System.Security.Cryptography;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Signer.Tests.Fleet;

namespace CcTsa.Signer.Tests.Adversary;

/// <summary>
/// Issue 21: a relay (a compromised coordinator or control plane) cannot get the fleet to sign an
/// arbitrary hash, a fork or a rolled-back head as a transparency-log tree head. The participant
/// checks the TSTInfo imprint is the declared head's and that the size does not go back from the
/// largest head it signed; the coordinator refuses the same before starting a round. An ordinary
/// token (no head declared) is unaffected. The nodes remember heads across the tests of this class
/// (one fleet), so each test takes sizes above every size signed before (<see cref="NextSize"/>).
/// </summary>
[Collection(CertifiedFleet.Collection)]
public sealed class ForgedLogHeadTests(CertifiedFleet fleet)
{
    private static long _size = 1_000;

    private MaliciousCoordinator Attacker => new(fleet.Cluster, CertifiedFleet.Epoch);

    private static long NextSize() => Interlocked.Add(ref _size, 1_000);

    private static LogHead Head(long size, string root = "root") => new(size, SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(root)));

    private CraftedTstInfo Stamping(byte[] imprint) => new() { GenTime = Attacker.Now, HashedMessage = imprint };

    [Fact]
    public void A_well_formed_growing_head_gets_shares()
    {
        var head = Head(NextSize());
        Assert.Equal((true, null), Attacker.AskHead(Stamping(head.Imprint()), head));
        var later = Head(head.TreeSize + 1, "later");
        Assert.Equal((true, null), Attacker.AskHead(Stamping(later.Imprint()), later));
        // the same head again (a retry) is no rollback
        Assert.Equal((true, null), Attacker.AskHead(Stamping(later.Imprint()), later));
    }

    [Fact]
    public void An_arbitrary_hash_declared_as_a_head_gets_no_share()
    {
        var head = Head(NextSize());
        var (signed, refusal) = Attacker.AskHead(Stamping(SHA256.HashData("any document"u8)), head);
        Assert.False(signed);
        Assert.Equal($"item 0: imprint is not the tree head message of size {head.TreeSize}", refusal);

        // another size or root than the one stamped is as foreign
        var other = Head(head.TreeSize + 1);
        (signed, refusal) = Attacker.AskHead(Stamping(head.Imprint()), other);
        Assert.False(signed);
        Assert.Contains("imprint is not the tree head message", refusal);
    }

    [Fact]
    public void A_rolled_back_head_gets_no_share()
    {
        var head = Head(NextSize());
        Assert.Equal((true, null), Attacker.AskHead(Stamping(head.Imprint()), head));
        var back = Head(head.TreeSize - 1);
        var (signed, refusal) = Attacker.AskHead(Stamping(back.Imprint()), back);
        Assert.False(signed);
        Assert.Equal($"item 0: tree head size {back.TreeSize} goes back from {head.TreeSize} already signed", refusal);
    }

    [Fact]
    public void A_forked_head_of_the_same_size_gets_no_share()
    {
        var head = Head(NextSize());
        Assert.Equal((true, null), Attacker.AskHead(Stamping(head.Imprint()), head));
        var fork = Head(head.TreeSize, "fork");
        var (signed, refusal) = Attacker.AskHead(Stamping(fork.Imprint()), fork);
        Assert.False(signed);
        Assert.Equal($"item 0: tree head of size {head.TreeSize} already signed with another root", refusal);
    }

    [Fact]
    public void A_malformed_head_gets_no_share()
    {
        var empty = new LogHead(0, new byte[32]);
        var (signed, refusal) = Attacker.AskHead(Stamping(SHA256.HashData(LogHead.MessageOf(0, new byte[32]))), empty);
        Assert.False(signed);
        Assert.Equal("item 0: tree head malformed: tree size 0 is not positive", refusal);

        var shortRoot = new LogHead(NextSize(), new byte[31]);
        (signed, refusal) = Attacker.AskHead(Stamping(SHA256.HashData(LogHead.MessageOf(shortRoot.TreeSize, shortRoot.RootHash))), shortRoot);
        Assert.False(signed);
        Assert.Equal("item 0: tree head malformed: root hash is 31 bytes, not 32", refusal);
    }

    [Fact]
    public void An_ordinary_token_still_gets_shares()
    {
        // after heads were refused and signed, an item declaring no head is checked as before
        Assert.Equal((true, null), Attacker.Ask(new CraftedTstInfo { GenTime = Attacker.Now }));
    }

    [Fact]
    public async Task The_coordinator_refuses_a_batch_whose_head_does_not_match_its_request()
    {
        var head = Head(NextSize());
        var ordinary = Requests.Batch(1)[0];
        var outcome = await fleet.Cluster.SignAsync(MaliciousCoordinator.Coordinator, CertifiedFleet.Epoch, [ordinary with { Head = head }]);
        var failed = Assert.IsType<SigningFailed>(outcome);
        Assert.Equal(SigningFailureReason.LogHeadRefused, failed.Reason);
        Assert.False(failed.Retryable);
        Assert.Equal($"item 0: imprint is not the tree head message of size {head.TreeSize}", failed.Detail);
    }

    [Fact]
    public async Task The_fleet_signs_a_head_declared_with_its_own_request()
    {
        var head = Head(NextSize());
        var request = new TimestampToSign(Guid.NewGuid(),
            CcTsa.Crypto.Rfc3161.TimeStampRequestEncoder.Encode(CcTsa.Crypto.Rfc3161.ImprintAlgorithm.Sha256, head.Imprint(), null, 7, true), head);
        var signed = TestCluster.SignedOrFail(await fleet.Cluster.SignAsync(MaliciousCoordinator.Coordinator, CertifiedFleet.Epoch, [request]));
        var token = Assert.Single(signed.Tokens);
        Assert.True(token.Stamps(head.Imprint()));
    }
}
