using System.Diagnostics;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Tests.Fleet;
using Xunit.Abstractions;

namespace CcTsa.Signer.Tests.MlDsa;

/// <summary>
/// The threshold ML-DSA-65 key made by the same DKG ceremony as the FROST and ECDSA keys, on five
/// nodes over the in-memory bus: every node holds 6 subset shares of one ML-DSA-65 key, the
/// ceremony-produced shares of any 3 nodes sign (the crypto core's three rounds) a message that
/// BouncyCastle's MLDsaSigner accepts, a refresh re-keys it (new key, classical keys kept, a share
/// stolen before it useless; a failed ML-DSA part keeps the old key and shares on every honest node),
/// and a participant whose ML-DSA contribution does not open its commitment is named by every other participant.
/// </summary>
[Collection(FleetCollection.Name)]
public class MlDsaKeyCeremonyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dkg_gives_every_node_a_share_of_one_ML_DSA_key_and_any_three_sign()
    {
        var (cluster, finished) = await StartWithDkgAsync();
        await using var _ = cluster;
        var key = finished[0].MlDsaGroupPublicKey!;
        Assert.Equal(MlDsa65.PublicKeyBytes, key.Length);
        Assert.All(finished, f => Assert.Equal(key, f.MlDsaGroupPublicKey));
        Assert.All(cluster.Nodes, n => Assert.Equal(key, PublicKey(n, 1)));
        AssertSigns(cluster, 1, key, [1, 3, 5]);
        AssertSigns(cluster, 1, key, [2, 3, 4]);
    }

    [Fact]
    public async Task Refresh_re_keys_ML_DSA_and_keeps_the_classical_keys()
    {
        var (cluster, dkg) = await StartWithDkgAsync();
        await using var _ = cluster;
        var old = dkg[0].MlDsaGroupPublicKey!;

        var refreshed = await cluster.RunCeremonyOkAsync(CeremonyKind.Refresh, 1, TestCluster.All);
        var key = refreshed[0].MlDsaGroupPublicKey!;
        Assert.Equal(MlDsa65.PublicKeyBytes, key.Length);
        Assert.NotEqual(old, key);
        Assert.All(refreshed, f => Assert.Equal(key, f.MlDsaGroupPublicKey));
        // the classical keys are refreshed in place: same FROST and ECDSA group keys
        Assert.All(refreshed, f => Assert.Equal(dkg[0].GroupPublicKey, f.GroupPublicKey));
        Assert.All(refreshed, f => Assert.Equal(dkg[0].EcdsaGroupPublicKey, f.EcdsaGroupPublicKey));
        Assert.All(cluster.Nodes, n => Assert.Equal(key, PublicKey(n, 1)));
        AssertSigns(cluster, 1, key, [1, 2, 5]);
        AssertSigns(cluster, 1, key, [3, 4, 5]);
    }

    [Fact]
    public async Task A_share_stolen_before_the_refresh_signs_nothing_with_the_shares_of_the_new_key()
    {
        var (cluster, dkg) = await StartWithDkgAsync();
        await using var _ = cluster;
        var old = dkg[0].MlDsaGroupPublicKey!;
        // a compromise of n2 (fewer than t nodes): the adversary copies its subset seeds and nonce key
        using var stolen = Steal(cluster[NodeId.Parse("n2")], 1);

        var refreshed = await cluster.RunCeremonyOkAsync(CeremonyKind.Refresh, 1, TestCluster.All);
        var key = refreshed[0].MlDsaGroupPublicKey!;

        // later thefts reach only shares of the new key: the stolen old share with n1's and n3's new ones
        var message = "stolen pre-refresh ML-DSA share"u8.ToArray();
        WithShares(cluster, 1, [1, 3], shares =>
        {
            var signed = LocalSigning.Sign([shares[0], stolen, shares[1]], RoundId.New(), message, []);
            var verifies = signed.TryGet(out var signature, out var error)
                && (MlDsaVerifier.Verify(key, message, [], signature.Bytes.Span) || MlDsaVerifier.Verify(old, message, [], signature.Bytes.Span));
            output.WriteLine(signed.IsOk ? "a signature came out, verifying under neither key" : $"no signature: {error}");
            Assert.False(verifies);
        });
        // and the old shares are gone from every node: none holds a share of the old key
        Assert.All(cluster.Nodes, n => Assert.Equal(key, PublicKey(n, 1)));
    }

    [Fact]
    public async Task A_refresh_whose_ML_DSA_part_fails_keeps_the_old_key_and_shares_on_every_honest_node()
    {
        var (cluster, dkg) = await StartWithDkgAsync();
        await using var _ = cluster;
        var old = dkg[0].MlDsaGroupPublicKey!;
        var n3 = NodeId.Parse("n3");
        var oldShares = cluster.Nodes.ToDictionary(n => n.Context.Id, n => n.Context.Vault.PublicKeys(1)!.VerifyingShares[ParticipantId.FromNode(n.Context.Id)].Encoding.ToArray());
        // a compromised n3 accepts the refresh but withholds its masked ML-DSA key
        cluster[n3].Context.Messenger.Compromised = (_, message) => message is CeremonySharesAccepted a ? a with { MlDsaMaskedKey = null } : message;

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Refresh, 1, TestCluster.All);

        var honest = finished.Where(f => f.Node != n3).ToList();
        Assert.All(honest, f =>
        {
            Assert.False(f.Ok);
            Assert.Equal([n3], f.Culprits);
            Assert.Contains("ML-DSA", f.Error, StringComparison.Ordinal);
        });
        // nothing of the refresh was stored on an honest node: old ML-DSA key, old FROST share
        Assert.All(cluster.Nodes.Where(n => n.Context.Id != n3), n =>
        {
            Assert.Equal(old, PublicKey(n, 1));
            Assert.Equal(oldShares[n.Context.Id], n.Context.Vault.PublicKeys(1)!.VerifyingShares[ParticipantId.FromNode(n.Context.Id)].Encoding.ToArray());
        });
        AssertSigns(cluster, 1, old, [1, 2, 4]);
    }

    [Fact]
    public async Task A_participant_whose_rho_does_not_open_its_commitment_is_named_by_every_other()
    {
        await using var cluster = await TestCluster.StartAsync();
        var n2 = NodeId.Parse("n2");
        // a compromised n2 reveals a ρ_2 other than the one it committed to (signed with its genuine key)
        cluster[n2].Context.Messenger.Compromised = (_, message) => message is CeremonySecretDelivered { MlDsaRho: { } rho } d
            ? d with { MlDsaRho = [.. rho.Select(b => (byte)(b ^ 0x5A))] }
            : message;
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);

        var others = finished.Where(f => f.Node != n2).ToList();
        Assert.Equal(4, others.Count);
        Assert.All(others, f =>
        {
            Assert.False(f.Ok);
            Assert.Equal([n2], f.Culprits);
            Assert.Contains("ML-DSA", f.Error, StringComparison.Ordinal);
        });
        Assert.All(cluster.Nodes, n => Assert.Null(PublicKey(n, 1)));
    }

    /// <summary>
    /// The opening most tests here share: a five-node cluster whose DKG of epoch 1 finished well on
    /// every node (the ML-DSA part beside the classical ones). The caller disposes the cluster;
    /// a failed DKG disposes it here.
    /// </summary>
    private async Task<(TestCluster Cluster, IReadOnlyList<CeremonyFinished> Dkg)> StartWithDkgAsync()
    {
        var cluster = await TestCluster.StartAsync();
        try
        {
            var clock = Stopwatch.StartNew();
            var dkg = await cluster.RunCeremonyOkAsync(CeremonyKind.Dkg, 1, TestCluster.All);
            output.WriteLine($"DKG with the ECDSA and ML-DSA parts: {clock.Elapsed.TotalMilliseconds:F0} ms");
            return (cluster, dkg);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    internal static byte[]? PublicKey(SignerNode node, int epoch) =>
        node.Context.Vault.Use(epoch, s => s.MlDsa?.PublicKey.Encoding.ToArray(), out var key) ? key : null;

    /// <summary>The ceremony-made shares of <paramref name="signers"/> sign with the crypto core's rounds; BouncyCastle verifies.</summary>
    private static void AssertSigns(TestCluster cluster, int epoch, byte[] key, int[] signers)
    {
        var message = System.Text.Encoding.UTF8.GetBytes($"ceremony-made ML-DSA shares of {string.Join(",", signers)}");
        WithShares(cluster, epoch, signers, shares =>
        {
            var signed = LocalSigning.Sign(shares, RoundId.New(), message, []);
            Assert.True(signed.TryGet(out var signature, out var error), error?.ToString());
            Assert.True(MlDsaVerifier.Verify(key, message, [], signature.Bytes.Span));
        });
    }

    /// <summary>Lends <paramref name="use"/> the ML-DSA shares the vaults of <paramref name="signers"/> hold (each only inside its callback: nested).</summary>
    private static void WithShares(TestCluster cluster, int epoch, int[] signers, Action<List<PartyKeyShare>> use)
    {
        var shares = new List<PartyKeyShare>();
        Lend(0);

        void Lend(int i)
        {
            if (i == signers.Length)
            {
                use(shares);
                return;
            }
            Assert.True(cluster[NodeId.FromIndex(signers[i])].Context.Vault.Use(epoch, s =>
            {
                shares.Add(s.MlDsa!.Key);
                Lend(i + 1);
                return true;
            }, out _));
        }
    }

    /// <summary>What an adversary who compromised <paramref name="node"/> carries away: a copy of its ML-DSA share (seeds and nonce key).</summary>
    private static PartyKeyShare Steal(SignerNode node, int epoch)
    {
        Assert.True(node.Context.Vault.Use(epoch, s =>
        {
            var held = s.MlDsa!.Key;
            return PartyKeyShare.FromSubsetSeeds(held.Party, held.PublicKey, held.NonceKey, mask => held.SubsetSeed(mask).ToArray());
        }, out var copy));
        return copy!;
    }
}
