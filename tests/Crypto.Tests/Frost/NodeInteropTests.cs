using System.Text;
using System.Text.Json;
using CcTsa.Crypto.Frost;

namespace CcTsa.Crypto.Tests.Frost;

/// <summary>
/// Cross-check with an independent implementation: ≥ 1,000 signatures from several random DKGs,
/// verified by @noble/curves ed25519 under Node (tests/interop/frost-verify.mjs). Fails when node
/// or the npm packages are missing (test.sh runs `npm ci` in tests/interop).
/// </summary>
public class NodeInteropTests
{
    [Fact]
    public void Noble_ed25519_verifies_a_thousand_frost_signatures_from_random_dkgs()
    {
        var lines = new StringBuilder();
        var rng = new Random(20260);
        int good = 0, bad = 0;
        foreach (var (t, n, count) in new[] { (3, 5, 400), (2, 3, 200), (4, 7, 200), (5, 5, 120), (2, 6, 100) })
        {
            using var g = FrostHarness.Dkg(t, n);
            var pools = g.Keys.ToDictionary(kv => kv.Key, kv => new NoncePool(kv.Value));
            var published = pools.ToDictionary(kv => kv.Key, kv => new Queue<SigningCommitments>(kv.Value.Publish(count)));
            for (int i = 0; i < count; i++)
            {
                var signers = g.Keys.Keys.OrderBy(_ => rng.Next()).Take(rng.Next(t, n + 1)).ToList();
                var message = new byte[rng.Next(0, 80)];
                rng.NextBytes(message);
                var package = SigningPackage.Create(signers.Select(s => published[s].Dequeue()), message).Value;
                var shares = signers.Select(s => pools[s].Sign(package).Value).ToList();
                var sig = Aggregate.Combine(package, shares, g.PublicKeys).Value.ToArray();
                Line(lines, g.PublicKeys.VerifyingKey.Encoding, message, sig, expect: true);
                good++;
                if (i % 40 == 0)
                {
                    sig[rng.Next(64)] ^= 0x04;
                    Line(lines, g.PublicKeys.VerifyingKey.Encoding, message, sig, expect: false);
                    bad++;
                }
            }
            foreach (var p in pools.Values) p.Dispose();
        }
        Assert.True(good >= 1000);

        var result = RunVerifier(lines.ToString());
        Assert.Equal(good + bad, result.GetProperty("total").GetInt32());
        Assert.Equal(good, result.GetProperty("verified").GetInt32());
        Assert.Equal(0, result.GetProperty("mismatches").GetInt32());
    }

    private static void Line(StringBuilder sb, ReadOnlySpan<byte> key, byte[] message, byte[] sig, bool expect) =>
        sb.Append("{\"publicKey\":\"").Append(Convert.ToHexStringLower(key))
          .Append("\",\"message\":\"").Append(Convert.ToHexStringLower(message))
          .Append("\",\"signature\":\"").Append(Convert.ToHexStringLower(sig))
          .Append("\",\"expect\":").Append(expect ? "true" : "false").Append("}\n");

    private static JsonElement RunVerifier(string input) => InteropNode.Run("frost-verify.mjs", "@noble/curves", input);
}
