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
    // hold the bounded store's room (a full store fails every run this node joins, for every coordinator)
    [Fact]
    public void Forgetting_a_restarted_coordinator_wipes_only_its_presignatures_and_frees_their_room()
    {
        using var store = new PresignatureStore();
        var orphaned = Enumerable.Range(0, PresignatureStore.Capacity - 1).Select(_ => Random()).ToList();
        foreach (var p in orphaned) Assert.True(store.Add(N1, p));
        var kept = Random();
        Assert.True(store.Add(N2, kept));
        var refused = Random();
        Assert.False(store.Add(N2, refused));                    // full: n2's next run would fail here

        Assert.Equal(PresignatureStore.Capacity - 1, store.Forget(N1));
        Assert.All(orphaned, p => Assert.True(p.IsConsumed));
        Assert.Equal(1, store.Count);
        Assert.Same(kept, store.Take(N2, kept.Id));
        Assert.True(store.Add(N2, Random()));
        Assert.Equal(0, store.Forget(N1));
    }
}
