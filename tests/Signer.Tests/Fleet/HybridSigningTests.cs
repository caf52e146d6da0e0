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
/// certifies the hybrid policy the batch is refused with a reason naming it. A batch whose ML-DSA
/// runs are slow (each ages the genTime 0.4 s more, and items need several runs)
/// is still signed by its first request, both halves verifying, nobody blamed. After a refresh
/// re-keyed ML-DSA-65 (issue 16), hybrid and ml-dsa-65 tokens verify under the new PQ certificate
/// and not under the replaced one.
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

    private static async Task<(byte[] Ecdsa, byte[] MlDsa)> CertifyHybridAsync(TestCluster cluster, byte[] ecdsaKey) =>
        (await InstallAsync(cluster, EcdsaTestCertificates.Issue(cluster.Ca, 1, ecdsaKey, TsaPolicies.EcdsaP384.Oid, TsaPolicies.Hybrid.Oid),
            TsaPolicies.EcdsaP384.Oid, EcdsaP384Scheme.SchemeName),
         await InstallAsync(cluster, EcdsaTestCertificates.IssueMlDsa(cluster.Ca, 1, MlDsaKey(cluster), TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid),
            TsaPolicies.MlDsa65.Oid, MlDsa65Scheme.SchemeName));

    private static void AssertBothHalvesVerify(TestCluster cluster, SignedTimestamp token, byte[] ecdsaCert, byte[] mlDsaCert)
    {
        Assert.Equal(TsaPolicies.Hybrid.Oid, token.Policy);
        var verdict = TokenVerifier.VerifyDigest(token.ResponseDer, token.HashedMessage,
            new TokenVerificationOptions(cluster.Ca.CertificateDer, null, ecdsaCert, mlDsaCert));
        Assert.True(verdict.IsValid, $"classical: {verdict.Failure}: {verdict.Reason}");
        Assert.Equal(TokenSignatureAlgorithm.EcdsaP384Sha384, verdict.Details!.Algorithm);
        Assert.True(verdict.PostQuantum is { IsValid: true }, $"post-quantum: {verdict.PostQuantum?.Failure}: {verdict.PostQuantum?.Reason}");
    }

    [Fact]
    public async Task Hybrid_batch_whose_ml_dsa_runs_are_slow_is_signed_by_its_first_request_without_blaming_anyone()
    {
        // each run ages the genTime 0.4 s on top of its real time (on a loaded 2-core host, the reveal and
        // response of a dozen items take most of a second): an item signed in one run and offered to the
        // classical signers after another would be late (window: accuracy 1 s + allowance 1 s)
        var slow = new SlowMlDsaRuns(TimeSpan.FromMilliseconds(400));
        // the jumps are one skew shared by the whole fleet: its clocks agree among themselves, NTS (which
        // follows the host clock) would rightly exclude them all, so these nodes are given no NTS servers
        var (cluster, ecdsaKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false, observe: bus => bus.ConnectConsumeObserver(slow),
            customize: (_, o) => o with { NtsServers = [] });
        await using var _ = cluster;
        slow.Cluster = cluster;
        var (ecdsaCert, mlDsaCert) = await CertifyHybridAsync(cluster, ecdsaKey);
        var lateBefore = cluster.Nodes.ToDictionary(n => n.Id, n => n.SigningRefusals.ForReason(CcTsa.Signer.Participants.SigningRefusals.GenTime));
        // about 45 in 100 runs of an item are rejected: with 12 items a second run is all but certain (0.55^12 < 0.1 %)
        var items = Requests.Batch(12, seed: 61);

        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.Hybrid.Oid));
        output.WriteLine($"{slow.Runs} ML-DSA runs, clocks {slow.Runs * slow.Jump.TotalSeconds:0.0} s ahead at the end; signers {string.Join(",", signed.Signers)}");

        Assert.True(slow.Runs > 1, $"the batch needed only {slow.Runs} ML-DSA run: the slow case was not exercised");
        Assert.Equal(items.Count, signed.Tokens.Count);
        foreach (var token in signed.Tokens) AssertBothHalvesVerify(cluster, token, ecdsaCert, mlDsaCert);
        // a signer may still find a genTime late when the host is slower than the window (real time adds to
        // the jumps); that is no one's fault: the pass is stamped again, nobody is blamed and nothing is refused
        var late = cluster.Nodes.Sum(n => n.SigningRefusals.ForReason(CcTsa.Signer.Participants.SigningRefusals.GenTime) - lateBefore[n.Id]);
        output.WriteLine($"{late} late genTime refusal(s) on the way");
        Assert.Empty(cluster.Failed.Items);
    }

    [Fact]
    public async Task Items_an_ML_DSA_run_rejected_keep_their_classical_signature_and_genTime_in_the_next_run()
    {
        // a window wide enough that no item ages past the keep limit on a loaded host (the limit follows the
        // signers' own lag window: (accuracy 1 s + allowance / 2) / 2); the runs are only counted, not slowed.
        // Allowance 60 s, keep limit 15.5 s: with 10 s (keep limit 3 s) four runs on a loaded CI host took
        // 5.75 s and the items were rightly stamped again
        var runs = new SlowMlDsaRuns(TimeSpan.Zero);
        var (cluster, ecdsaKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false, observe: bus => bus.ConnectConsumeObserver(runs),
            customize: (_, o) => o with { GenTimeNetworkAllowance = TimeSpan.FromSeconds(60) });
        await using var _ = cluster;
        var (ecdsaCert, mlDsaCert) = await CertifyHybridAsync(cluster, ecdsaKey);
        // about 45 in 100 runs of an item are rejected: with 12 items a second run is all but certain (0.55^12 < 0.1 %)
        var items = Requests.Batch(12, seed: 62);

        var signed = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.Hybrid.Oid));
        output.WriteLine($"{runs.Runs} ML-DSA runs; genTimes {string.Join(", ", signed.Tokens.Select(t => t.GenTime.ToString("HH:mm:ss.ffffff")).Distinct())}");

        Assert.True(runs.Runs > 1, $"the batch needed only {runs.Runs} ML-DSA run: no item was rejected");
        Assert.Equal(items.Count, signed.Tokens.Count);
        foreach (var token in signed.Tokens) AssertBothHalvesVerify(cluster, token, ecdsaCert, mlDsaCert);
        // every item kept the stamp of the first pass: its classical signature was made once and offered again
        // with the same signed attributes, never restamped and signed anew
        Assert.Single(signed.Tokens.Select(t => t.GenTime).Distinct());
        Assert.Empty(cluster.Failed.Items);
    }

    [Fact]
    public async Task After_a_refresh_re_keyed_ML_DSA_hybrid_and_ml_dsa_65_tokens_verify_under_the_new_certificate()
    {
        var (cluster, ecdsaKey) = await EcdsaSigningTests.EcdsaFleetAsync(certify: false);
        await using var _ = cluster;
        var oldKey = MlDsaKey(cluster);
        var (ecdsaCert, oldMlDsaCert) = await CertifyHybridAsync(cluster, ecdsaKey);

        var refreshed = await cluster.RunCeremonyAsync(Contracts.Events.Ceremonies.CeremonyKind.Refresh, 1, TestCluster.All);
        Assert.All(refreshed, f => Assert.True(f.Ok, f.Error));
        var newKey = refreshed[0].MlDsaGroupPublicKey!;
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(newKey, MlDsaKey(cluster));
        // the classical key was refreshed in place: the epoch's ECDSA certificate still certifies it
        Assert.All(refreshed, f => Assert.True(f.EcdsaGroupPublicKey is { } k && P384Points.SamePoint(k, ecdsaKey)));
        // the control plane's new PQ certificate (here the test CA's) replaces the old one on every node
        var newMlDsaCert = await InstallAsync(cluster, EcdsaTestCertificates.IssueMlDsa(cluster.Ca, 1, newKey, TsaPolicies.MlDsa65.Oid, TsaPolicies.Hybrid.Oid),
            TsaPolicies.MlDsa65.Oid, MlDsa65Scheme.SchemeName);
        // the refreshed ECDSA shares need their pairwise setups again before the classical half can be signed
        await Ecdsa.EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);

        var hybrid = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2, seed: 71), policy: TsaPolicies.Hybrid.Oid));
        foreach (var token in hybrid.Tokens)
        {
            AssertBothHalvesVerify(cluster, token, ecdsaCert, newMlDsaCert);
            var underOld = TokenVerifier.VerifyDigest(token.ResponseDer, token.HashedMessage, new TokenVerificationOptions(cluster.Ca.CertificateDer, null, ecdsaCert, oldMlDsaCert));
            Assert.False(underOld.PostQuantum is { IsValid: true }, "the post-quantum half must not verify under the replaced certificate");
        }
        // a post-quantum token embeds its certificate: it verifies under the new key's (whose ESSCertID it names)
        var pq = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(2, seed: 72), policy: TsaPolicies.MlDsa65.Oid));
        foreach (var token in pq.Tokens)
        {
            var verdict = TokenVerifier.VerifyDigest(token.ResponseDer, token.HashedMessage, new TokenVerificationOptions(cluster.Ca.CertificateDer, null, newMlDsaCert));
            Assert.True(verdict.IsValid, $"{verdict.Failure}: {verdict.Reason}");
            Assert.Equal(TokenSignatureAlgorithm.MlDsa65, verdict.Details!.Algorithm);
        }
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
