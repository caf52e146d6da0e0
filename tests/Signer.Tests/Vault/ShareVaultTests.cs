using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Vault;

namespace CcTsa.Signer.Tests.Vault;

public class ShareVaultTests
{
    /// <summary>A real 2-of-3 DKG in process; returns participant 1's packages.</summary>
    private static (KeyPackage Key, PublicKeyPackage PublicKeys) Dkg()
    {
        var ids = new[] { 1, 2, 3 }.Select(ParticipantId.FromIndex).ToArray();
        var part1 = ids.Select(id => Dealerless.Part1(id, 3, 2)).ToArray();
        var part2 = ids.Select((id, i) => Dealerless.Part2(part1[i].Secret, [.. part1.Where((_, j) => j != i).Select(p => p.Broadcast)]).Value).ToArray();
        var received = part2.SelectMany(p => p.Outgoing).Where(p => p.Recipient == ids[0]).ToList();
        var result = Dealerless.Part3(part2[0].Secret, [.. part1.Skip(1).Select(p => p.Broadcast)], received).Value;
        foreach (var p in part1) p.Secret.Dispose();
        foreach (var p in part2) p.Secret.Dispose();
        foreach (var p in part2.SelectMany(p => p.Outgoing)) p.Dispose();
        return result;
    }

    [Fact]
    public void Store_then_use_lends_the_share_and_public_package()
    {
        using var vault = new ShareVault();
        var (key, pub) = Dkg();
        vault.Store(7, key, pub);
        Assert.True(vault.Holds(7));
        Assert.Equal(7, vault.LatestEpoch);
        Assert.True(vault.Use(7, s => s.Key.Identifier, out var id));
        Assert.Equal(ParticipantId.FromIndex(1), id);
        Assert.Same(pub, vault.PublicKeys(7));
        Assert.False(vault.Use(8, s => 0, out _));
    }

    [Fact]
    public void Replacing_discarding_and_disposing_wipe_the_share()
    {
        var vault = new ShareVault();
        var (first, pub) = Dkg();
        vault.Store(1, first, pub);
        var (second, pub2) = Dkg();
        vault.Store(1, second, pub2);
        Assert.True(first.SigningShare.IsDisposed);
        Assert.False(second.SigningShare.IsDisposed);
        Assert.True(vault.Discard(1));
        Assert.True(second.SigningShare.IsDisposed);
        Assert.False(vault.Holds(1));
        var (third, pub3) = Dkg();
        vault.Store(2, third, pub3);
        vault.Dispose();
        Assert.True(third.SigningShare.IsDisposed);
        Assert.False(vault.Use(2, s => 0, out _));
    }

    [Fact]
    public void ToString_of_vault_and_lent_share_reveals_nothing()
    {
        using var vault = new ShareVault();
        var (key, pub) = Dkg();
        vault.Store(3, key, pub);
        Assert.Equal("ShareVault([redacted])", vault.ToString());
        Assert.True(vault.Use(3, s => s.ToString(), out var text));
        Assert.Equal("EpochShare(3, [redacted])", text);
    }

    [Fact]
    public void Changed_fires_on_store_and_discard()
    {
        using var vault = new ShareVault();
        var seen = new List<int>();
        vault.Changed += seen.Add;
        var (key, pub) = Dkg();
        vault.Store(4, key, pub);
        vault.Discard(4);
        Assert.Equal([4, 4], seen);
    }
}
