using System.Security.Cryptography;
using CcTsa.Crypto.Dkls23.Sign;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Tests.Vault;

public class PresignatureStoreTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");

    /// <summary>A presignature with random secrets: the store's rules do not depend on them.</summary>
    private static Presignature Random()
    {
        using var pk = P384Point.MulBase(P384Scalar.RandomNonZero());
        using var r = P384Point.MulBase(P384Scalar.RandomNonZero());
        return new Presignature(ParticipantId.FromIndex(2), [ParticipantId.FromIndex(1), ParticipantId.FromIndex(2)], RandomNumberGenerator.GetBytes(32),
            RandomNumberGenerator.GetBytes(32), P384Point.MulBase(P384Scalar.RandomNonZero()), r.Encode(), P384Scalar.Random(), P384Scalar.Random(), P384Scalar.Random());
    }

    [Fact]
    public void A_presignature_is_taken_once_and_only_by_its_coordinator()
    {
        using var store = new PresignatureStore();
        var p = Random();
        Assert.True(store.Add(N1, p));
        Assert.False(store.Add(N1, p));                          // the same id twice: refused, the kept one untouched
        Assert.False(p.IsConsumed);
        Assert.Null(store.Take(N2, p.Id));                       // another coordinator's round finds nothing
        Assert.Same(p, store.Take(N1, p.Id));
        Assert.Null(store.Take(N1, p.Id));                       // replay
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Disposing_the_store_wipes_every_presignature()
    {
        var store = new PresignatureStore();
        var p = Random();
        store.Add(N1, p);
        store.Dispose();
        Assert.True(p.IsConsumed);
        Assert.False(p.Sign(SHA384.HashData([1])).IsOk);
        Assert.DoesNotContain(Convert.ToHexString([.. p.Id])[16..], p.ToString(), StringComparison.Ordinal);
        var late = Random();
        Assert.False(store.Add(N1, late));                       // a store of a wiped epoch keeps nothing
        Assert.True(late.IsConsumed);
    }

    // a coordinator that restarted never asks for the presignatures its old runs left here; they must not
    // hold the bounded store's room
    [Fact]
    public void Forgetting_a_restarted_coordinator_wipes_only_its_presignatures_and_frees_their_room()
    {
        using var store = new PresignatureStore();
        var orphaned = Enumerable.Range(0, PresignatureStore.PerCoordinator).Select(_ => Random()).ToList();
        foreach (var p in orphaned) Assert.True(store.Add(N1, p));
        var kept = Random();
        Assert.True(store.Add(N2, kept));

        Assert.Equal(PresignatureStore.PerCoordinator, store.Forget(N1));
        Assert.All(orphaned, p => Assert.True(p.IsConsumed));
        Assert.Equal(1, store.Count);
        Assert.Same(kept, store.Take(N2, kept.Id));
        Assert.True(store.Add(N2, Random()));
        Assert.Equal(0, store.Forget(N1));
    }

    // Ids a coordinator dropped (a run discarded as outdated, a restock) are never asked for; were they kept
    // for good, the full store would fail every run this node joins, for every coordinator. Each coordinator
    // has its share of the room, and going beyond it wipes that coordinator's oldest presignatures only.
    [Fact]
    public void A_coordinator_beyond_its_share_loses_its_own_oldest_presignatures_and_no_one_elses()
    {
        using var store = new PresignatureStore();
        var other = Random();
        Assert.True(store.Add(N2, other));
        var first = Enumerable.Range(0, PresignatureStore.PerCoordinator).Select(_ => Random()).ToList();
        foreach (var p in first) Assert.True(store.Add(N1, p));

        var newest = Random();
        Assert.True(store.Add(N1, newest));
        Assert.True(first[0].IsConsumed);                         // the oldest is wiped, not handed out
        Assert.Null(store.Take(N1, first[0].Id));
        Assert.False(first[1].IsConsumed);
        Assert.Equal(PresignatureStore.PerCoordinator + 1, store.Count);
        Assert.Same(newest, store.Take(N1, newest.Id));
        Assert.Same(other, store.Take(N2, other.Id));             // the other coordinator's presignature untouched
    }

    [Fact]
    public void The_whole_store_refuses_beyond_its_capacity()
    {
        using var store = new PresignatureStore();
        var coordinators = Enumerable.Range(1, 5).Select(i => NodeId.Parse($"n{i}")).ToList();
        foreach (var c in coordinators)
            for (var i = 0; i < PresignatureStore.PerCoordinator; i++) Assert.True(store.Add(c, Random()));
        var room = PresignatureStore.Capacity - 5 * PresignatureStore.PerCoordinator;
        var sixth = NodeId.Parse("n6");
        for (var i = 0; i < room; i++) Assert.True(store.Add(sixth, Random()));
        var refused = Random();
        Assert.False(store.Add(sixth, refused));
        Assert.True(refused.IsConsumed);
        Assert.Equal(PresignatureStore.Capacity, store.Count);
    }
}
