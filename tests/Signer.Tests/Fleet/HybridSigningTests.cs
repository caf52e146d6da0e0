using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Signer.Schemes;
using Xunit.Abstractions;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// The `hybrid` policy (issue 16) on a real five-node fleet: one batch, prepared once, signed by the
/// threshold ML-DSA-65 round and the threshold ECDSA P-384 round through the one pipeline; each token
/// has one ECDSA SignerInfo and the ML-DSA-65 signature over the same signed attributes as its
/// unsigned attribute, and our verifier accepts both halves. Without an ML-DSA certificate that
/// certifies the hybrid policy the batch is refused with a reason naming it.
/// </summary>
[Collection(FleetCollection.Name)]
public class HybridSigningTests(ITestOutputHelper output)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");

    private static byte[] MlDsaKey(TestCluster cluster) =>
        cluster.Nodes.First().Context.Vault.Use(1, s => s.MlDsa?.PublicKey.Encoding.ToArray(), out var key) ? key! : throw new InvalidOperationException("n1 holds no ML-DSA-65 key of epoch 1");

    private static async Task<byte[]> InstallAsync(TestCluster cluster, byte[] der, string policy, string scheme)
    {
        await cluster.Bus.Publish(new InstallCertificate(new KeyEpoch(1), der, [cluster.Ca.CertificateDer], policy, TestCertificates.AccuracyMicros));
        using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
        foreach (var node in cluster.Nodes) await node.Context.Certificates.WaitAsync(1, cts.Token, scheme);
        return der;
    }

    [Fact]
    public async Task Hybrid_batch_is_signed_by_both_keys_over_the_same_signed_attributes_and_both_verify()
    {
        var (cluster, ecdsaKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false);
        await using var _ = cluster;
        var ecdsaCert = await InstallAsync(cluster, EcdsaTestCertificates.Issue(cluster.Ca, 1, ecdsaKey, TsaPolicies.EcdsaP384.Oid, TsaPolicies.Hybrid.Oid),
            TsaPolicies.EcdsaP384.Oid, EcdsaP384Scheme.SchemeName);
        var items = Requests.Batch(2, seed: 16);

        // ML-DSA certificate for the ml-dsa-65 policy only: the hybrid batch is refused, naming the missing certification
        await InstallAsync(cluster, EcdsaTestCertificates.IssueMlDsa(cluster.Ca, 1, MlDsaKey(cluster), TsaPolicies.MlDsa65.Oid),
            TsaPolicies.MlDsa65.Oid, MlDsa65Scheme.SchemeName);
        var refused = Assert.IsType<SigningFailed>(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.Hybrid.Oid));
        output.WriteLine($"{refused.Reason}: {refused.Detail}");
        Assert.Contains("ml-dsa-65", refused.Detail, StringComparison.Ordinal);
        cluster.Nodes.ToList().ForEach(n => n.Context.Certificates.Remove(1));
        await InstallAsync(cluster, ecdsaCert, TsaPolicies.EcdsaP384.Oid, EcdsaP384Scheme.SchemeName);

        var mlDsaCert = await InstallAsync(cluster, EcdsaTestCertificates.IssueMlDsa(cluster.Ca, 1, MlDsaKey(cluster), TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid),
            TsaPolicies.MlDsa65.Oid, MlDsa65Scheme.SchemeName);
        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.Hybrid.Oid));
        Assert.Equal(items.Count, signed.Tokens.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var token = signed.Tokens.Single(t => t.RequestId == item.RequestId);
            Assert.Equal(TsaPolicies.Hybrid.Oid, token.Policy);
            var verdict = TokenVerifier.VerifyDigest(token.ResponseDer, token.HashedMessage,
                new TokenVerificationOptions(cluster.Ca.CertificateDer, null, ecdsaCert, mlDsaCert));
            Assert.True(verdict.IsValid, $"classical: {verdict.Failure}: {verdict.Reason}");
            Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, verdict.Details!.Algorithm);
            Assert.Equal(TsaPolicies.Hybrid.Oid, verdict.Details.TstInfo.Policy);
            Assert.True(verdict.PostQuantum is { IsValid: true }, $"post-quantum: {verdict.PostQuantum?.Failure}: {verdict.PostQuantum?.Reason}");
            // the classical part is exactly an ECDSA token: .NET and openssl accept it as one
            await TokenChecks.VerifyAsync(token, item, BitConverter.GetBytes(16 + i), ecdsaCert, cluster.Ca.CertificateDer);
        }
    }
}
