using System.Diagnostics;
using CcTsa.Contracts.Messages.Fleet;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Pki;
using Xunit.Abstractions;

namespace CcTsa.Signer.Tests.Fleet;

/// <summary>
/// Threshold ECDSA P-384 through the one signing pipeline on a real five-node fleet: presignatures
/// made by relayed bus runs, one online round, tokens under the ecdsa-p384 policy that .NET and
/// openssl verify, a CSR for the ECDSA group key, and the FROST policy untouched beside it.
/// </summary>
[Collection(FleetCollection.Name)]
public class EcdsaSigningTests(ITestOutputHelper output)
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N4 = NodeId.Parse("n4");
    private static readonly NodeId N5 = NodeId.Parse("n5");
    internal const string Scheme = "ecdsa-p384";

    internal static async Task<(TestCluster Cluster, byte[] GroupKey)> EcdsaFleetAsync(bool certify, string? amqp = null, Action<MassTransit.IBusControl>? observe = null,
        Func<NodeId, SignerNodeOptions, SignerNodeOptions>? customize = null, Microsoft.Extensions.Logging.ILoggerFactory? logs = null)
    {
        var cluster = await TestCluster.StartAsync(amqp, logs, observe: observe, customize: customize);
        // the DKG ceremony makes the ECDSA key beside the FROST one and starts the pairwise setups
        await cluster.DkgAndCertifyAsync(1);
        await Ecdsa.EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);
        var groupKey = Ecdsa.EcdsaKeyCeremonyTests.Key(cluster.Nodes.First(), 1).PublicKey.EncodeUncompressed();
        if (certify)
        {
            var der = EcdsaTestCertificates.Issue(cluster.Ca, 1, groupKey, TsaPolicies.EcdsaP384.Oid);
            await cluster.Bus.Publish(new InstallCertificate(new KeyEpoch(1), der, [cluster.Ca.CertificateDer], TsaPolicies.EcdsaP384.Oid, TestCertificates.AccuracyMicros));
            using var cts = new CancellationTokenSource(MessageLog<object>.Patience);
            foreach (var node in cluster.Nodes) await node.Context.Certificates.WaitAsync(1, cts.Token, Scheme);
        }
        return (cluster, groupKey);
    }

    private static RawMessageSigned RawOrFail(object outcome) => outcome switch
    {
        RawMessageSigned signed => signed,
        SigningFailed failed => throw new Xunit.Sdk.XunitException($"not signed by {failed.Coordinator}: {failed.Reason}: {failed.Detail}"),
        _ => throw new Xunit.Sdk.XunitException($"unexpected answer {outcome}"),
    };

    [Fact]
    public async Task Csr_for_the_ecdsa_group_key_is_threshold_signed_and_verifies()
    {
        var (cluster, groupKey) = await EcdsaFleetAsync(certify: false);
        await using var _ = cluster;
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", groupKey);
        var signed = RawOrFail(await cluster.SignRawAsync(N2, 1, "csr", info, avoid: [N1], scheme: Scheme));
        Assert.Equal(TestCluster.Threshold, signed.Signers.Count);
        Assert.DoesNotContain(N1, signed.Signers);
        Assert.True(EcdsaTestCertificates.Verifies(groupKey, info, signed.Signature));
        // a CSR for another key is refused by the participants' purpose check
        var other = EcdsaTestCertificates.CsrInfo("CN=x", System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384)
            .ExportParameters(false) is var p ? [4, .. p.Q.X!, .. p.Q.Y!] : []);
        Assert.IsType<SigningFailed>(await cluster.SignRawAsync(N2, 1, "csr", other, scheme: Scheme));
    }

    [Fact]
    public async Task Tokens_under_the_ecdsa_policy_verify_with_dotnet_and_openssl_and_frost_still_signs()
    {
        var (cluster, _) = await EcdsaFleetAsync(certify: true);
        await using var __ = cluster;
        var items = Requests.Batch(4, seed: 7);
        var clock = Stopwatch.StartNew();
        var first = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, items, policy: TsaPolicies.EcdsaP384.Oid));
        var cold = clock.Elapsed;
        var certificate = cluster[N1].Context.Certificates.For(1, Scheme)!.Certificate.Der.ToArray();
        for (var i = 0; i < items.Count; i++)
            await TokenChecks.VerifyAsync(first.Tokens.Single(t => t.RequestId == items[i].RequestId), items[i], BitConverter.GetBytes(7 + i), certificate, cluster.Ca.CertificateDer);
        Assert.All(first.Tokens, t => Assert.Equal(TsaPolicies.EcdsaP384.Oid, t.Policy));

        // stocked: the next batches are one online round each
        await Task.Delay(500);
        clock.Restart();
        const int rounds = 5;
        for (var r = 0; r < rounds; r++)
            TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(1, seed: 100 + r), policy: TsaPolicies.EcdsaP384.Oid));
        output.WriteLine($"ecdsa: first batch (presign + sign) {cold.TotalMilliseconds:0} ms; stocked online round {clock.Elapsed.TotalMilliseconds / rounds:0} ms");

        var frostItems = Requests.Batch(2, seed: 50);
        var frost = TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, frostItems));
        Requests.VerifyIndependently(frost.Tokens.Single(t => t.RequestId == frostItems[0].RequestId), frostItems[0], cluster.Certificate!.Der,
            cluster[N1].Context.Vault.PublicKeys(1)!.VerifyingKey.Encoding.ToArray());
    }

    [Fact]
    public async Task Figures_presignatures_per_second_and_online_round_latency()
    {
        var (cluster, groupKey) = await EcdsaFleetAsync(certify: false);
        await using var _ = cluster;
        var n1 = cluster[N1];
        const int count = 32;
        var clock = Stopwatch.StartNew();
        Assert.Null(await n1.Presigner.FillAsync(1, [N2, N3], count, CancellationToken.None));
        var presign = clock.Elapsed;
        Assert.True(n1.Context.Presignatures.Count(1, [N2, N3]) >= count);
        var info = EcdsaTestCertificates.CsrInfo("CN=CC-TSA ECDSA epoch 1,O=CC-TSA", groupKey);
        clock.Restart();
        const int rounds = 10;
        for (var r = 0; r < rounds; r++)
            Assert.IsType<RawMessageSigned>(await cluster.SignRawAsync(N1, 1, "csr", info, avoid: [N4, N5], scheme: Scheme));
        output.WriteLine($"fleet presigning (3 signers, one process, shared cores): {count} in {presign.TotalMilliseconds:0} ms = {count / presign.TotalSeconds:0.0}/s; "
            + $"stocked online round (CSR, 1 item): {clock.Elapsed.TotalMilliseconds / rounds:0} ms");
    }
}
