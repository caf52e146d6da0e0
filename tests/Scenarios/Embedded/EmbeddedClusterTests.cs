using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// `cctsa up` end to end, in-process: first DKG and certificate by itself, a real `openssl ts
/// -query` answered with a threshold-signed token that our verifier and BouncyCastle accept, the
/// exact /api/cluster shape, restart on the same data (history kept, new epoch, old token still
/// valid; the transparency log goes on as the same tree, its next head signed by the new epoch while
/// the old epoch's head still verifies), and node loss + replacement (Degraded → redistribution →
/// Healthy, same public key).
/// </summary>
public class EmbeddedClusterTests
{
    private static readonly string[] ClusterKeys = ["epoch", "nodes", "publicKey", "publicKeys", "state"];
    private static readonly string[] NodeKeys = ["attested", "clockHealthy", "excluded", "holdsShare", "id", "online", "provider", "secureTsc"];

    [Fact]
    public async Task Up_serves_threshold_token_and_restart_rekeys_keeping_history()
    {
        var dir = EmbeddedFixture.NewDataDirectory();
        var work = Directory.CreateTempSubdirectory("cctsa-req-").FullName;
        try
        {
            byte[] request, response, data;
            long eventsBefore;
            string keyBefore;
            LogHeads.Checked firstHead;
            await using (var up = await EmbeddedFixture.StartAsync(dir))
            {
                var cluster = await up.GetJsonAsync("/api/cluster");
                AssertClusterShape(cluster);
                Assert.Equal("Healthy", cluster.GetProperty("state").GetString());
                Assert.Equal(1, cluster.GetProperty("epoch").GetInt32());
                Assert.Equal(5, cluster.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("holdsShare").GetBoolean()));
                keyBefore = cluster.GetProperty("publicKey").GetString()!;
                Assert.Equal(98, keyBefore.Length); // 49-byte compressed P-384 point

                data = "scenario document"u8.ToArray();
                var dataFile = Path.Combine(work, "data.txt");
                await File.WriteAllBytesAsync(dataFile, data);
                request = await OpensslTs.QueryAsync(dataFile, work);
                response = await PostTsaAsync(up, request);
                var ca = TokenChecks.Der(await up.Http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative)));
                TokenChecks.AssertValid(response, request, data, ca, await CrlAsync(up));

                var audit = await up.GetJsonAsync("/api/audit/verify");
                Assert.True(audit.GetProperty("ok").GetBoolean());
                Assert.Equal(JsonValueKind.Null, audit.GetProperty("firstBad").ValueKind);
                eventsBefore = audit.GetProperty("events").GetInt64();
                // issue 21: a head signed by epoch 1's key (the signers checked it stamps that size and root)
                firstHead = await LogHeads.WaitAsync(up, ca, "a tree head signed in epoch 1", (_, v) => v.Details?.Epoch?.Number == 1);
            }

            await using (var again = await EmbeddedFixture.StartAsync(dir))
            {
                var cluster = await again.GetJsonAsync("/api/cluster");
                Assert.Equal("Healthy", cluster.GetProperty("state").GetString());
                Assert.Equal(2, cluster.GetProperty("epoch").GetInt32());
                Assert.NotEqual(keyBefore, cluster.GetProperty("publicKey").GetString());
                var audit = await again.GetJsonAsync("/api/audit/verify");
                Assert.True(audit.GetProperty("ok").GetBoolean());
                Assert.True(audit.GetProperty("events").GetInt64() > eventsBefore);
                var ca = TokenChecks.Der(await again.Http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative)));
                TokenChecks.AssertValid(response, request, data, ca, await CrlAsync(again));
                var fresh = await PostTsaAsync(again, request);
                TokenChecks.AssertValid(fresh, request, data, ca, await CrlAsync(again));

                // the restarted control plane continues the same tree; the new epoch signs its next head,
                // and the old epoch's head still verifies with the old certificate
                var next = await LogHeads.WaitAsync(again, ca, "a tree head signed in epoch 2",
                    (h, v) => h.TreeSize > firstHead.Head.TreeSize && v.Details?.Epoch?.Number == 2);
                var old = firstHead.Head.Verify(ca);
                Assert.True(old.IsValid, old.Reason);
                Assert.Equal(1, old.Details!.Epoch!.Value.Number);
                await LogHeads.AssertConsistentAsync(again, firstHead.Head, next.Head);
            }
        }
        finally
        {
            Directory.Delete(work, true);
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Up_with_faults_node_lost_then_replacement_redistributes_same_key()
    {
        var dir = EmbeddedFixture.NewDataDirectory();
        try
        {
            await using var up = await EmbeddedFixture.StartAsync(dir, faults: true);
            var key = (await up.GetJsonAsync("/api/cluster")).GetProperty("publicKey").GetString();

            using (var kill = await up.PostAsync("/api/faults/n5/kill")) Assert.Equal(HttpStatusCode.OK, kill.StatusCode);
            await up.WaitForClusterAsync(c => c.GetProperty("state").GetString() == "Degraded", "Degraded");

            using (var start = await up.PostAsync("/api/faults/n5/start")) Assert.Equal(HttpStatusCode.OK, start.StatusCode);
            var healed = await up.WaitForClusterAsync(
                c => c.GetProperty("state").GetString() == "Healthy"
                     && c.GetProperty("nodes").EnumerateArray().Count(n => n.GetProperty("holdsShare").GetBoolean()) == 5,
                "Healthy with five share holders");
            Assert.Equal(key, healed.GetProperty("publicKey").GetString());
            Assert.Equal(1, healed.GetProperty("epoch").GetInt32());

            var redistributed = await up.GetJsonAsync("/api/events?type=share_distributed&node=n5");
            Assert.True(redistributed.GetProperty("events").GetArrayLength() >= 2, "n5 got a share at the DKG and again by redistribution");
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static void AssertClusterShape(JsonElement cluster)
    {
        Assert.Equal(ClusterKeys, cluster.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(JsonValueKind.String, cluster.GetProperty("state").ValueKind);
        Assert.Equal(JsonValueKind.Number, cluster.GetProperty("epoch").ValueKind);
        // issue 15: each policy's key of the epoch; the default's (ecdsa-p384, SEC1 compressed) is publicKey
        Assert.Equal(cluster.GetProperty("publicKey").GetString(), cluster.GetProperty("publicKeys").GetProperty("ecdsa-p384").GetString());
        Assert.Equal(64, cluster.GetProperty("publicKeys").GetProperty("ed25519").GetString()!.Length);
        Assert.Equal(5, cluster.GetProperty("nodes").GetArrayLength());
        foreach (var node in cluster.GetProperty("nodes").EnumerateArray())
        {
            Assert.Equal(NodeKeys, node.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
            Assert.Equal(JsonValueKind.String, node.GetProperty("id").ValueKind);
            Assert.Equal(JsonValueKind.String, node.GetProperty("provider").ValueKind);
        }
        Assert.Equal(["azure", "azure", "gcp", "gcp", "third"], cluster.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("provider").GetString()));
    }

    private static async Task<byte[]> PostTsaAsync(EmbeddedFixture up, byte[] request)
    {
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var reply = await up.Http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Equal("application/timestamp-reply", reply.Content.Headers.ContentType?.MediaType);
        return await reply.Content.ReadAsByteArrayAsync();
    }

    private static async Task<byte[]?> CrlAsync(EmbeddedFixture up)
    {
        using var reply = await up.Http.GetAsync(new Uri("/crl", UriKind.Relative));
        return reply.IsSuccessStatusCode ? await reply.Content.ReadAsByteArrayAsync() : null;
    }
}
