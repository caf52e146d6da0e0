using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Ed25519;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>The end-to-end flows, run on the in-memory bus and on RabbitMQ alike.</summary>
internal static class FleetScenarios
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    /// <summary>DKG, then 1,000 tokens in four batches under rotating coordinators; each verified with BouncyCastle.</summary>
    public static async Task ThousandSignaturesAsync(TestCluster cluster)
    {
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var serials = new HashSet<string>(StringComparer.Ordinal);
        for (int b = 0; b < 4; b++)
        {
            var items = Requests.Batch(250, seed: b * 250);
            var signed = TestCluster.SignedOrFail(await cluster.SignAsync(NodeId.FromIndex(b + 1), 1, items));
            Assert.Equal(items.Count, signed.Tokens.Count);
            Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
            for (int i = 0; i < items.Count; i++)
            {
                Assert.Equal(items[i].RequestId, signed.Tokens[i].RequestId);
                Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
                Assert.True(serials.Add(signed.Tokens[i].Serial.ToHex()), "serial repeated");
            }
        }
        Assert.Equal(1000, serials.Count);
    }

    /// <summary>n5 dies (kill fault), restarts empty, is attested again and gets its share back from three helpers.</summary>
    public static async Task RepairAsync(TestCluster cluster)
    {
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var before = cluster.Ceremonies.Items.Single(f => f.Kind == CeremonyKind.Dkg && f.Node == N5).VerifyingShare;
        await cluster.InjectAsync(new InjectFault(N5, FaultKind.Kill, 0, []));
        var replacement = await cluster.StartNodeAsync(N5);
        Assert.False(replacement.Context.Vault.Holds(1));
        await cluster.WaitMutuallyAttestedAsync(TestCluster.All);

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        Assert.All(finished, f => Assert.Equal(groupKey, f.GroupPublicKey));
        Assert.Equal(before, finished.Single(f => f.Node == N5).VerifyingShare);
        Assert.True(replacement.Context.Vault.Holds(1));

        await cluster.InstallCertificateAsync(1);
        var items = Requests.Batch(20);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N5, 1, items));
        Assert.Contains(N5, signed.Signers);
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    /// <summary>Refresh: same group key, new verifying shares; a pre-refresh share no longer signs with post-refresh ones.</summary>
    public static async Task RefreshAsync(TestCluster cluster)
    {
        var groupKey = await cluster.DkgAndCertifyAsync(1);
        var oldShare = ShareBytes(cluster[N1], 1);
        var oldPublic = cluster[N1].Context.Vault.PublicKeys(1)!;

        var finished = await cluster.RunCeremonyAsync(CeremonyKind.Refresh, 1, TestCluster.All);
        Assert.All(finished, f => Assert.True(f.Ok, f.Error));
        Assert.All(finished, f => Assert.Equal(groupKey, f.GroupPublicKey));
        var newPublic = cluster[N1].Context.Vault.PublicKeys(1)!;
        Assert.All(TestCluster.All, n => Assert.NotEqual(oldPublic.VerifyingShares[ParticipantId.FromNode(n)], newPublic.VerifyingShares[ParticipantId.FromNode(n)]));
        Assert.NotEqual(oldShare, ShareBytes(cluster[N1], 1));

        // The stolen pre-refresh share of n1 together with n2's and n3's current shares: aggregation names n1.
        using (var stolen = KeyPackage.FromShare(ParticipantId.FromNode(N1), Scalar.From(oldShare), newPublic.VerifyingKey, TestCluster.Threshold))
        {
            var error = SignWithStolenShare(stolen, [cluster[N2], cluster[N3]], newPublic);
            Assert.Equal(FrostFailure.InvalidSignatureShare, error.Failure);
            Assert.Equal([ParticipantId.FromNode(N1)], error.Culprits);
        }

        var items = Requests.Batch(20);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N2, 1, items));
        for (int i = 0; i < items.Count; i++) Requests.VerifyIndependently(signed.Tokens[i], items[i], cluster.Certificate!.Der, groupKey);
    }

    /// <summary>Test hook: a node's share bytes for the epoch (reachable only through Crypto/Signer internals).</summary>
    public static byte[] ShareBytes(SignerNode node, int epoch)
    {
        Assert.True(node.Context.Vault.Use(epoch, s => s.Key.SigningShare.Secret.ToArray(), out var bytes));
        return bytes;
    }

    private static FrostError SignWithStolenShare(KeyPackage stolen, IReadOnlyList<SignerNode> current, PublicKeyPackage publicKeys)
    {
        var message = "stolen-share probe"u8.ToArray();
        using var stolenNonces = Round1.Commit(stolen);
        var commitments = current.Select(n =>
        {
            Assert.True(n.Context.Vault.Use(1, s => s.Nonces.Publish(1)[0], out var c));
            return c;
        }).Append(stolenNonces.Commitments).ToList();
        var package = SigningPackage.Create(commitments, message).Value;
        var shares = current.Select(n =>
        {
            Assert.True(n.Context.Vault.Use(1, s => s.Nonces.Sign(package).Value, out var share));
            return share;
        }).Append(Round2.Sign(package, stolenNonces, stolen).Value).ToList();
        var combined = Aggregate.Combine(package, shares, publicKeys);
        Assert.False(combined.IsOk);
        return combined.Error;
    }
}
