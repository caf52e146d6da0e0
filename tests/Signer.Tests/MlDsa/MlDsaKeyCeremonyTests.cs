using System.Diagnostics;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Crypto.MlDsa;
using CcTsa.Signer.Tests.Fleet;
using Xunit.Abstractions;

namespace CcTsa.Signer.Tests.MlDsa;

/// <summary>
/// The threshold ML-DSA-65 key made by the same DKG ceremony as the FROST and ECDSA keys, on five
/// nodes over the in-memory bus: every node holds 6 subset shares of one ML-DSA-65 key, the
/// ceremony-produced shares of any 3 nodes sign (the crypto core's three rounds) a message that
/// BouncyCastle's MLDsaSigner accepts, a refresh keeps the key, and a participant whose ML-DSA
/// contribution does not open its commitment is named by every other participant.
/// </summary>
[Collection(FleetCollection.Name)]
public class MlDsaKeyCeremonyTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Dkg_gives_every_node_a_share_of_one_ML_DSA_key_and_any_three_sign()
    {
        await using var cluster = await TestCluster.StartAsync();
        var clock = Stopwatch.StartNew();
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        output.WriteLine($"DKG with the ECDSA and ML-DSA parts: {clock.Elapsed.TotalMilliseconds:F0} ms");

        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        var key = finished[0].MlDsaGroupPublicKey!;
        Assert.Equal(MlDsa65.PublicKeyBytes, key.Length);
        Assert.All(finished, f => Assert.Equal(key, f.MlDsaGroupPublicKey));
        Assert.All(cluster.Nodes, n => Assert.Equal(key, PublicKey(n, 1)));
        AssertSigns(cluster, 1, key, [1, 3, 5]);
        AssertSigns(cluster, 1, key, [2, 3, 4]);
    }

    [Fact]
    public async Task Refresh_keeps_the_ML_DSA_share_since_no_norm_preserving_refresh_exists()
    {
        await using var cluster = await TestCluster.StartAsync();
        var dkg = await cluster.RunCeremonyAsync(CeremonyKind.Dkg, 1, TestCluster.All);
        Assert.All(dkg, f => Assert.True(f.Ok, f.Error));
        var refreshed = await cluster.RunCeremonyAsync(CeremonyKind.Refresh, 1, TestCluster.All);
        Assert.All(refreshed, f => Assert.True(f.Ok, f.Error));
        Assert.All(refreshed, f => Assert.Null(f.MlDsaGroupPublicKey));
        Assert.All(cluster.Nodes, n => Assert.Equal(dkg[0].MlDsaGroupPublicKey, PublicKey(n, 1)));
        AssertSigns(cluster, 1, dkg[0].MlDsaGroupPublicKey!, [1, 2, 5]);
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

    internal static byte[]? PublicKey(SignerNode node, int epoch) =>
        node.Context.Vault.Use(epoch, s => s.MlDsa?.PublicKey.Encoding.ToArray(), out var key) ? key : null;

    /// <summary>The ceremony-made shares of <paramref name="signers"/> sign with the crypto core's rounds; BouncyCastle verifies.</summary>
    private static void AssertSigns(TestCluster cluster, int epoch, byte[] key, int[] signers)
    {
        var message = System.Text.Encoding.UTF8.GetBytes($"ceremony-made ML-DSA shares of {string.Join(",", signers)}");
        var shares = new List<PartyKeyShare>();
        Sign(0);

        void Sign(int i)
        {
            if (i == signers.Length)
            {
                var signed = LocalSigning.Sign(shares, RoundId.New(), message, []);
                Assert.True(signed.TryGet(out var signature, out var error), error?.ToString());
                Assert.True(MlDsaVerifier.Verify(key, message, [], signature.Bytes.Span));
                return;
            }
            // each vault lends its share only inside its callback: nest them
            Assert.True(cluster[NodeId.FromIndex(signers[i])].Context.Vault.Use(epoch, s =>
            {
                shares.Add(s.MlDsa!.Key);
                Sign(i + 1);
                return true;
            }, out _));
        }
    }
}
