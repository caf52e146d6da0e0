using System.Reflection;
using System.Text;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;
using CcTsa.Contracts.Messages.Faults;
using CcTsa.Contracts.Messages.Signing;
using CcTsa.Crypto.Frost;
using CcTsa.Signer.Tests.Fleet;
using Microsoft.Extensions.Logging;

namespace CcTsa.Signer.Tests.Canary;

/// <summary>
/// Invariant 1: no key material leaves a signer. A full life cycle (attestation, DKG, certificate,
/// signing, refresh, kill, repair, signing) runs with every bus body, log line and fault captured;
/// no share (before and after refresh, the repaired one) and no pre-processed nonce appears in any
/// of it, raw, hex or base64.
/// </summary>
[Collection(FleetCollection.Name)]
public class CanaryTests
{
    private static readonly NodeId N1 = NodeId.Parse("n1");
    private static readonly NodeId N2 = NodeId.Parse("n2");
    private static readonly NodeId N3 = NodeId.Parse("n3");
    private static readonly NodeId N5 = NodeId.Parse("n5");

    [Fact]
    public async Task Full_life_cycle_leaks_no_share_or_nonce_bytes_into_bus_payloads_logs_or_faults()
    {
        var capture = new LeakCapture();
        using var logs = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Trace));
        var secrets = new List<byte[]>();
        byte[] publicControl;
        await using (var cluster = await TestCluster.StartAsync(logs: logs, observe: bus => bus.ConnectReceiveObserver(capture)))
        {
            await cluster.DkgAndCertifyAsync(1);
            publicControl = cluster.Ceremonies.Items[0].VerifyingShare!;
            secrets.AddRange(cluster.Nodes.Select(n => FleetScenarios.ShareBytes(n, 1)));
            await EcdsaSecretsAsync(cluster, secrets);
            secrets.AddRange(cluster.Nodes.SelectMany(n => MlDsaSecrets(n, 1)));
            await cluster.ProbeRoundAsync();
            secrets.AddRange(cluster.Nodes.SelectMany(n => PooledNonces(n, 1)));
            TestCluster.SignedOrFail(await cluster.SignAsync(N1, 1, Requests.Batch(50)));
            TestCluster.SignedOrFail(await cluster.SignAsync(N2, 1, Requests.Batch(50)));

            var refreshed = await cluster.RunCeremonyAsync(CeremonyKind.Refresh, 1, TestCluster.All);
            Assert.All(refreshed, f => Assert.True(f.Ok, f.Error));
            secrets.AddRange(cluster.Nodes.Select(n => FleetScenarios.ShareBytes(n, 1)));
            secrets.AddRange(cluster.Nodes.SelectMany(n => PooledNonces(n, 1)));
            await EcdsaSecretsAsync(cluster, secrets);
            TestCluster.SignedOrFail(await cluster.SignAsync(N3, 1, Requests.Batch(20)));

            await cluster.InjectAsync(new InjectFault(N5, FaultKind.Kill, 0, []));
            await cluster.StartNodeAsync(N5);
            await cluster.WaitMutuallyAttestedAsync(TestCluster.All);
            var repaired = await cluster.RunCeremonyAsync(CeremonyKind.Redistribution, 1, [N1, N2, N3], N5);
            Assert.All(repaired, f => Assert.True(f.Ok, f.Error));
            secrets.Add(FleetScenarios.ShareBytes(cluster[N5], 1));
            await EcdsaSecretsAsync(cluster, secrets);
            // the repair carried n5's ML-DSA subset seeds (sealed); its new nonce key too
            secrets.AddRange(MlDsaSecrets(cluster[N5], 1));
            await cluster.InstallCertificateAsync(1);
            TestCluster.SignedOrFail(await cluster.SignAsync(N5, 1, Requests.Batch(20)));
        }

        Assert.True(capture.BodyCount > 100, "the capture saw the bus traffic");
        Assert.True(capture.TextCount > 50, "the capture saw the logs");
        Assert.True(secrets.Count > 11 + 100, "shares and nonces were collected");
        // Positive control: a public verifying share, which CeremonyFinished carries, is found by the same search.
        Assert.NotEmpty(SecretSearch.FindLeaks([publicControl], capture.Everything()));
        var leaked = SecretSearch.FindLeaks(secrets, capture.Everything());
        Assert.True(leaked.Count == 0, $"{leaked.Count} secret(s) found in captured output, e.g. #{leaked.FirstOrDefault()}");
    }

    [Fact]
    public void Search_finds_a_secret_in_every_encoding_at_every_alignment()
    {
        var secret = Enumerable.Range(1, 32).Select(i => (byte)(i * 7)).ToArray();
        for (int pad = 0; pad < 3; pad++)
        {
            var embedded = new byte[pad].Concat(secret).Concat(new byte[] { 9 }).ToArray();
            Assert.True(SecretSearch.Leaks(secret, [Encoding.UTF8.GetBytes("{\"x\":\"" + Convert.ToBase64String(embedded) + "\"}")]));
            Assert.True(SecretSearch.Leaks(secret, [Encoding.UTF8.GetBytes(Convert.ToBase64String(embedded).Replace('+', '-').Replace('/', '_'))]));
        }
        Assert.True(SecretSearch.Leaks(secret, [Encoding.UTF8.GetBytes("share=" + Convert.ToHexString(secret))]));
        Assert.True(SecretSearch.Leaks(secret, [Encoding.UTF8.GetBytes(Convert.ToHexStringLower(secret))]));
        Assert.True(SecretSearch.Leaks(secret, [[1, 2, .. secret, 3]]));
        Assert.False(SecretSearch.Leaks(secret, [Encoding.UTF8.GetBytes(Convert.ToBase64String(new byte[64]))]));
    }

    /// <summary>
    /// Once every pairwise setup finished: each node's P-384 key share and, per pair, the zero-share
    /// seed and base-OT keys (as Alice, and both as Bob), the secrets the setup and DKG made.
    /// </summary>
    private static async Task EcdsaSecretsAsync(TestCluster cluster, List<byte[]> secrets)
    {
        await Ecdsa.EcdsaKeyCeremonyTests.AllPairsAsync(cluster, 1);
        foreach (var n in cluster.Nodes)
        {
            Assert.True(n.Context.Vault.Use(1, s =>
            {
                var found = new List<byte[]> { s.Ecdsa!.Key.Share.ToArray() };
                foreach (var pair in s.Ecdsa.Pairs.Values)
                    found.AddRange([pair.ZeroSeed.Span.ToArray(), pair.AsAlice.Key(0).ToArray(), pair.AsBob.Key0(0).ToArray(), pair.AsBob.Key1(0).ToArray()]);
                return found;
            }, out var ecdsa));
            secrets.AddRange(ecdsa);
        }
    }

    /// <summary>A node's threshold ML-DSA-65 secrets: the seeds of its 6 subsets (what a repair hands over) and its nonce key.</summary>
    private static List<byte[]> MlDsaSecrets(SignerNode node, int epoch)
    {
        Assert.True(node.Context.Vault.Use(epoch, s =>
        {
            var key = s.MlDsa!.Key;
            return (List<byte[]>)[.. key.Held.Select(m => key.SubsetSeed(m).ToArray()), key.NonceKey.ToArray()];
        }, out var secrets));
        return secrets;
    }

    /// <summary>Test hook: the unused nonces (d ‖ e) in a node's epoch pool, read under the pool's own lock.</summary>
    private static IEnumerable<byte[]> PooledNonces(SignerNode node, int epoch)
    {
        var readyField = typeof(NoncePool).GetField("_ready", BindingFlags.NonPublic | BindingFlags.Instance)!;
        var gateField = typeof(NoncePool).GetField("_gate", BindingFlags.NonPublic | BindingFlags.Instance)!;
        Assert.True(node.Context.Vault.Use(epoch, s =>
        {
            var gate = (Lock)gateField.GetValue(s.Nonces)!;
            using (gate.EnterScope())
            {
                var ready = (System.Collections.IDictionary)readyField.GetValue(s.Nonces)!;
                return ready.Values.Cast<SigningNonces>().SelectMany(n => new[] { n.Hiding.ToArray(), n.Binding.ToArray() }).ToList();
            }
        }, out var nonces));
        return nonces;
    }
}
