using System.Net;
using System.Net.Http.Headers;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;

namespace CcTsa.Scenarios.Embedded;

/// <summary>
/// The transparency log end to end on `cctsa up`: a client's token, the next signed tree head
/// (its token verifies against the CA and stamps exactly that size and root), the token's
/// inclusion proven over HTTP, and consistency between two heads; bad queries get ProblemDetails.
/// </summary>
[Collection(SharedEmbeddedFleet.Collection)]
public class TransparencyLogTests(SharedEmbeddedFleet fleet)
{
    [Fact]
    public async Task A_token_is_proven_in_the_log_under_a_signed_head()
    {
        var up = fleet.Up;
        var ca = TokenChecks.Der(await up.Http.GetStringAsync(new Uri("/certs/ca.pem", UriKind.Relative)));
        var serial = await StampAsync(up, "document proven in the log"u8.ToArray());
        var sequence = (await up.GetJsonAsync($"/api/tokens?serial={serial}")).GetProperty("tokens")[0].GetProperty("sequence").GetInt64();

        // the signers checked the head's imprint is this size and root (LogHeadRule) before signing it
        var head = (await LogHeads.WaitAsync(up, ca, $"a signed head covering sequence {sequence}", (h, _) => h.TreeSize >= sequence)).Head;

        var proof = await up.GetJsonAsync($"/api/log/proof/inclusion?serial={serial}");
        Assert.Equal(head.TreeSize, proof.GetProperty("treeSize").GetInt64());
        var index = proof.GetProperty("leafIndex").GetInt64();
        Assert.Equal(sequence - 1, index);
        var entry = Convert.FromBase64String(proof.GetProperty("entry").GetString()!);
        var data = JsonDocument.Parse(entry).RootElement;
        Assert.Equal("token_issued", data.GetProperty("type").GetString());
        Assert.Equal(serial, data.GetProperty("data").GetProperty("serial").GetString());
        var path = proof.GetProperty("auditPath").EnumerateArray().Select(p => Sha256Hash.FromBytes(Convert.FromBase64String(p.GetString()!))).ToList();
        Assert.True(MerkleVerifier.VerifyInclusion(index, head.TreeSize, MerkleHash.Leaf(entry), path, head.RootHash));
        Assert.False(MerkleVerifier.VerifyInclusion(index, head.TreeSize, MerkleHash.Leaf([.. entry, 0x20]), path, head.RootHash));

        // a later head extends this one
        await StampAsync(up, "a later document"u8.ToArray());
        var later = (await LogHeads.WaitAsync(up, ca, "a later signed head", (h, _) => h.TreeSize > head.TreeSize)).Head;
        await LogHeads.AssertConsistentAsync(up, head, later);

        var entries = await up.GetJsonAsync($"/api/log/entries?start={index}&end={index}");
        Assert.Equal(proof.GetProperty("entry").GetString(), entries.GetProperty("entries")[0].GetString());

        foreach (var (query, status) in new[]
        {
            ("/api/log/proof/inclusion?serial=00ffee&size=1", HttpStatusCode.NotFound),
            ("/api/log/proof/inclusion?serial=zz", HttpStatusCode.BadRequest),
            ("/api/log/proof/inclusion", HttpStatusCode.BadRequest),
            ($"/api/log/proof/inclusion?sequence={sequence}&size={sequence - 1}", HttpStatusCode.BadRequest),
            ("/api/log/proof/consistency?from=0&to=3", HttpStatusCode.BadRequest),
            ($"/api/log/proof/consistency?from=2&to={later.TreeSize + 1000}", HttpStatusCode.BadRequest),
            ("/api/log/entries?start=0&end=1000", HttpStatusCode.BadRequest),
            ("/api/log/entries?start=x&end=1", HttpStatusCode.BadRequest),
        })
        {
            using var r = await up.Http.GetAsync(new Uri(query, UriKind.Relative));
            Assert.True(status == r.StatusCode, $"{query}: {r.StatusCode}");
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<string> StampAsync(EmbeddedFixture up, byte[] document)
    {
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, SHA256.HashData(document), null,
            new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true), certReq: true);
        using var content = new ByteArrayContent(request);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
        using var reply = await up.Http.PostAsync(new Uri("/tsa", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.True(TimeStampResponseReader.TryRead(await reply.Content.ReadAsByteArrayAsync(), out var response, out var error), error);
        Assert.True(TimeStampResponseReader.TryReadTstInfo(response.Token!.Value, out var info, out error), error);
        return info.Serial.ToHex();
    }
}
