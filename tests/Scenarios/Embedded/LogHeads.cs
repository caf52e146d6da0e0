using System.Net;
using System.Text.Json;
using CcTsa.Contracts.Hashing;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.Crypto.Merkle;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;

namespace CcTsa.Scenarios.Embedded;

/// <summary>The signed tree heads an embedded TSA serves at /api/log/head, waited for and checked as an auditor would.</summary>
internal static class LogHeads
{
    /// <summary>
    /// Waits for a head that <paramref name="accept"/> takes (given the head and its token's verdict
    /// against <paramref name="ca"/>, which must be valid) and returns both.
    /// </summary>
    public static Task<Checked> WaitAsync(EmbeddedFixture up, byte[] ca, string what, Func<SignedHead, TokenVerdict, bool> accept) =>
        Eventually.UntilAsync(what, async () =>
        {
            using var r = await up.Http.GetAsync(new Uri("/api/log/head", UriKind.Relative));
            if (r.StatusCode == HttpStatusCode.NotFound) return null;
            var head = SignedHead.Parse(JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement);
            var verdict = head.Verify(ca);
            Assert.True(verdict.IsValid, $"head {head}: {verdict.Reason}");
            return accept(head, verdict) ? new Checked(head, verdict) : null;
        }, EmbeddedFixture.Patience);

    /// <summary>Asserts the TSA proves <paramref name="later"/> extends <paramref name="earlier"/> (RFC 9162 consistency).</summary>
    public static async Task AssertConsistentAsync(EmbeddedFixture up, SignedHead earlier, SignedHead later)
    {
        var consistency = await up.GetJsonAsync($"/api/log/proof/consistency?from={earlier.TreeSize}&to={later.TreeSize}");
        var hashes = consistency.GetProperty("proof").EnumerateArray().Select(p => Sha256Hash.FromBytes(Convert.FromBase64String(p.GetString()!))).ToList();
        Assert.True(MerkleVerifier.VerifyConsistency(earlier.TreeSize, later.TreeSize, earlier.RootHash, later.RootHash, hashes),
            $"head {later} does not extend head {earlier}");
    }

    public sealed record Checked(SignedHead Head, TokenVerdict Verdict)
    {
        public long? Epoch => Verdict.Details?.Epoch?.Number;
    }
}
