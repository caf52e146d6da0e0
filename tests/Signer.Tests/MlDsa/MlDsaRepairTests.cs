using System.Security.Cryptography;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Crypto.Sharing;
using CcTsa.Signer.Schemes;
using CcTsa.Signer.Tests.Fleet;
using Xunit.Abstractions;

namespace CcTsa.Signer.Tests.MlDsa;

/// <summary>
/// The threshold ML-DSA-65 key through a share repair, on five nodes over the in-memory bus: the
/// replacement of a lost node gets the seeds of its 6 subsets from the helpers (sealed to its
/// ceremony key, checked against the DKG's D_S) and signs through the pipeline under the unchanged
/// public key; a helper whose seeds do not match their commitments is named, the repair fails when
/// the others do not cover the lost subsets and completes without it when they do.
/// </summary>
[Collection(FleetCollection.Name)]
public class MlDsaRepairTests(ITestOutputHelper output)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Repair_gives_the_replacement_its_ML_DSA_share_and_it_signs_under_the_unchanged_key()
    {
        var (cluster, key) = await MlDsaSigningTests.MlDsaFleetAsync();
        await using var _ = cluster;
        var replacement = await ReplaceAsync(cluster, N5);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        output.WriteLine($"repair with the ECDSA and ML-DSA parts: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        Assert.All(finished, f => Assert.Equal(key, f.MlDsaGroupPublicKey));
        Assert.Empty(finished.Single(f => f.Node == N5).Culprits);
        Assert.Equal(key, MlDsaKeyCeremonyTests.PublicKey(replacement, 1));

        await AssertSignsWithAsync(cluster, key, N5);
    }

    [Fact]
    public async Task A_helper_whose_seeds_miss_their_commitments_is_named_and_the_other_three_repair_without_it()
    {
        var (cluster, key) = await MlDsaSigningTests.MlDsaFleetAsync();
        await using var _ = cluster;
        // a compromised n2 holds seeds of another key (a dealer's) under the real transcript: its package seals and opens fine
        Assert.True(cluster[N2].Context.Vault.Use(1, s => s.MlDsa!.Transcript, out var transcript));
        var (_, dealt) = TrustedDealer.Deal(RandomNumberGenerator.GetBytes(MlDsa65.SeedBytes));
        var wrong = dealt.Single(s => s.Party == ParticipantId.FromNode(N2));
        foreach (var s in dealt.Where(s => s != wrong)) s.Dispose();
        Assert.True(cluster[N2].Context.Vault.StoreMlDsa(1, wrong, transcript));
        var replacement = await ReplaceAsync(cluster, N5);

        // with n1, n2, n3 only, n2's 3 subsets with n5 are not all covered by n1 and n3: the repair fails naming n2
        var failed = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        var recipient = failed.Single(f => f.Node == N5);
        output.WriteLine(recipient.Error);
        Assert.False(recipient.Ok);
        Assert.Equal([N2], recipient.Culprits);
        Assert.Contains("ML-DSA", recipient.Error, StringComparison.Ordinal);
        Assert.False(replacement.Context.Vault.Holds(1));

        // with n4 too, n1, n3 and n4 cover the 6 subsets: the share is made without n2, which is still named
        var repaired = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3, N4], N5);
        Assert.All(repaired, f => Assert.True(f.Ok, f.Error));
        // n2 reports the key its (dealt) share belongs to: the control plane's tally would see the disagreement too
        Assert.All(repaired.Where(f => f.Node != N2), f => Assert.Equal(key, f.MlDsaGroupPublicKey));
        Assert.Equal(key, MlDsaKeyCeremonyTests.PublicKey(replacement, 1));
        Assert.Equal([N2], repaired.Single(f => f.Node == N5).Culprits);
        await AssertSignsWithAsync(cluster, key, N5);
    }

    [Fact]
    public async Task A_transcript_changed_in_one_helpers_context_is_refused_and_nothing_is_stored()
    {
        var (cluster, _) = await MlDsaSigningTests.MlDsaFleetAsync();
        await using var __ = cluster;
        var replacement = await ReplaceAsync(cluster, N5);
        // a compromised n2 (or a relay able to rewrite it) vouches for another D_S: the transcript ends the public context
        cluster[N2].Context.Messenger.Compromised = (_, message) => message is CeremonySecretDelivered { Step: "sigma", PublicContext: { } context } d
            ? d with { PublicContext = [.. context[..^1], (byte)(context[^1] ^ 1)] }
            : message;

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        var recipient = finished.Single(f => f.Node == N5);
        Assert.False(recipient.Ok);
        Assert.Contains("disagree", recipient.Error, StringComparison.Ordinal);
        Assert.False(replacement.Context.Vault.Holds(1));
        Assert.Null(MlDsaKeyCeremonyTests.PublicKey(replacement, 1));
    }

    /// <summary>The node is lost (vault wiped), restarts empty and is attested by the others again.</summary>
    private static async Task<SignerNode> ReplaceAsync(TestCluster cluster, NodeId node)
    {
        await cluster.KillAsync(node);
        var replacement = await cluster.StartNodeAsync(node);
        Assert.False(replacement.Context.Vault.Holds(1));
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);
        return replacement;
    }

    /// <summary>A subset that must contain <paramref name="node"/> signs an ML-DSA CSR through the pipeline; BouncyCastle verifies it under <paramref name="key"/>.</summary>
    private static async Task AssertSignsWithAsync(TestCluster cluster, byte[] key, NodeId node)
    {
        var csr = new CsrBuilder("CN=CC-TSA ML-DSA-65 epoch 1,O=CC-TSA", TokenSignatureAlgorithm.MlDsa65, key).ToBeSigned.ToArray();
        var outcome = await cluster.SignRawAsync(node, 1, "csr", csr, avoid: [N1, N2], scheme: MlDsa65Scheme.SchemeName);
        var signed = Assert.IsType<RawMessageSigned>(outcome);
        Assert.Contains(node, signed.Signers);
        Assert.True(MlDsaVerifier.Verify(key, csr, [], signed.Signature));
    }
}
