using System.Text;
using CcTsa.Crypto.Frost;

namespace CcTsa.Crypto.Tests.Frost;

public class NoncePoolTests
{
    private static readonly byte[] Message = Encoding.UTF8.GetBytes("m");

    [Fact]
    public void NoncePool_published_commitments_sign_in_one_round_trip()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(2);
        using var p1 = new NoncePool(g.Keys[ids[0]]);
        using var p2 = new NoncePool(g.Keys[ids[1]]);
        var c1 = p1.Publish(10);
        var c2 = p2.Publish(10);
        Assert.Equal(10, p1.Available);
        for (int round = 0; round < 3; round++)
        {
            var package = SigningPackage.Create([c1[round], c2[round]], Message).Value;
            var shares = new[] { p1.Sign(package).Value, p2.Sign(package).Value };
            Assert.True(Aggregate.Combine(package, shares, g.PublicKeys).IsOk);
        }
        Assert.Equal(7, p1.Available);
    }

    [Fact]
    public void NoncePool_reused_commitment_is_refused()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(2);
        using var p1 = new NoncePool(g.Keys[ids[0]]);
        using var p2 = new NoncePool(g.Keys[ids[1]]);
        var package = SigningPackage.Create([p1.Publish(1)[0], p2.Publish(1)[0]], Message).Value;
        Assert.True(p1.Sign(package).IsOk);
        Assert.Equal(FrostFailure.NonceReused, p1.Sign(package).Error.Failure);
    }

    [Fact]
    public void NoncePool_unknown_commitment_is_refused()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(2);
        using var p1 = new NoncePool(g.Keys[ids[0]]);
        p1.Publish(2);
        using var foreign = Round1.Commit(g.Keys[ids[0]]);
        Assert.Equal(FrostFailure.UnknownCommitment, p1.Take(foreign.Commitments).Error.Failure);
        var package = SigningPackage.Create([foreign.Commitments, Round1.Commit(g.Keys[ids[1]]).Commitments], Message).Value;
        Assert.Equal(FrostFailure.UnknownCommitment, p1.Sign(package).Error.Failure);
    }

    [Fact]
    public void NoncePool_publish_is_bounded_by_capacity()
    {
        using var g = FrostHarness.Dkg(2, 3);
        using var pool = new NoncePool(g.Keys[FrostHarness.Ids(1)[0]], capacity: 4);
        Assert.Equal(4, pool.Publish(10).Count);
        Assert.Empty(pool.Publish(1));
    }

    [Fact]
    public void NoncePool_finds_its_own_unspent_commitment_by_its_exact_bytes_only()
    {
        using var g = FrostHarness.Dkg(2, 3);
        var ids = FrostHarness.Ids(2);
        using var p1 = new NoncePool(g.Keys[ids[0]]);
        using var p2 = new NoncePool(g.Keys[ids[1]]);
        var mine = p1.Publish(2);
        var theirs = p2.Publish(1)[0];

        // the very object published, so a share request echoing it costs no point validation
        Assert.Same(mine[0], p1.FindUnspent(mine[0].ToBytes()));
        Assert.Null(p1.FindUnspent(theirs.ToBytes()));
        Assert.Null(p1.FindUnspent([]));
        Assert.Null(p1.FindUnspent(mine[0].ToBytes()[..^1]));

        // same points under another identifier or another header are not this pool's encoding
        var otherId = mine[1].ToBytes();
        otherId[3] ^= 0x01;
        Assert.Null(p1.FindUnspent(otherId));
        var otherVersion = mine[1].ToBytes();
        otherVersion[0] ^= 0x01;
        Assert.Null(p1.FindUnspent(otherVersion));
        // a flipped bit in a point: not found, so the caller decodes and validates it like any received one
        var otherPoint = mine[1].ToBytes();
        otherPoint[^1] ^= 0x01;
        Assert.Null(p1.FindUnspent(otherPoint));

        // spent: no longer found (the caller's full decode then meets NonceReused when signing)
        using (var taken = p1.Take(mine[0]).Value)
            Assert.Same(mine[0], taken.Commitments);
        Assert.Null(p1.FindUnspent(mine[0].ToBytes()));
        Assert.Same(mine[1], p1.FindUnspent(mine[1].ToBytes()));
    }
}
