using CcTsa.Contracts.Ids;
using CcTsa.Crypto.MlDsa;
using CcTsa.Crypto.MlDsa.Dkg;

namespace CcTsa.Crypto.Tests.MlDsa;

/// <summary>
/// No subset seed, nonce key or DKG contribution appears in any public message of a key generation
/// or a signing run, nor in the printed form of any object or error (hex or base64).
/// </summary>
public sealed class SecretsCanaryTests
{
    [Fact]
    public void Secrets_appear_in_no_public_message_and_no_printed_text()
    {
        var ceremony = CeremonyId.New();
        var r1 = Enumerable.Range(1, 5).Select(n => DkgRound1.Commit(MlDsaHarness.P(n), ceremony)).ToArray();
        var cmts = r1.Select(r => r.Commitments).ToArray();
        var sent = r1.Select(r => DkgRound1.Send(r.State, cmts).Value).ToArray();
        var reveals = sent.Select(s => s.Reveal).ToArray();
        var contributions = r1.Select(r => r.State.Own.ToArray()).ToArray(); // ρ_i is public once revealed: skip its 32 bytes
        var masked = r1.Select(r => DkgRound3.Mask(r.State, reveals, sent.SelectMany(s => s.Packages).Where(p => p.To == r.State.Party).ToArray()).Value).ToArray();
        var shares = r1.Select(r => DkgFinish.Complete(r.State, masked).Value.Share).ToArray();

        var signers = new[] { shares[0], shares[2], shares[4] };
        var session = MlDsaHarness.Session(signers);
        var states = signers.Select(s => Round1.Commit(s, session)).ToArray();
        var signCmts = states.Select(s => s.Commitment).ToArray();
        var signReveals = states.Select(s => Round2.Reveal(s.State, signCmts, MlDsaHarness.Message, []).Value).ToArray();
        var responses = states.Select(s => Round3.Respond(s.State, signReveals).Value).ToArray();

        var publicBytes = new List<byte[]>();
        publicBytes.AddRange(cmts.SelectMany(c => c.SeedCommitments.Append(c.RhoCommitment)).Select(m => m.ToArray()));
        publicBytes.AddRange(masked.SelectMany(m => m.ShareCommitments.Append(m.Masked)).Select(m => m.ToArray()));
        publicBytes.AddRange(signCmts.Select(c => c.Hash.ToArray()));
        publicBytes.AddRange(signReveals.Select(r => r.Packed.ToArray()));
        publicBytes.AddRange(responses.Select(r => r.Packed.ToArray()));
        var printed = string.Join("\n", new object[] { shares[0], states[0].State, sent[0].Packages[0], r1[0].State, masked[0], responses[0] }.Select(o => o.ToString()));

        var secrets = new List<byte[]>();
        foreach (var s in shares)
        {
            secrets.Add(s.NonceKey.ToArray());
            secrets.AddRange(s.Held.Select(m => s.SubsetSeed(m).ToArray()));
        }
        foreach (var c in contributions) for (var o = 32; o + 32 <= c.Length; o += 32) secrets.Add(c[o..(o + 32)]);
        foreach (var secret in secrets)
        {
            Assert.All(publicBytes, m => Assert.Equal(-1, m.AsSpan().IndexOf(secret)));
            Assert.DoesNotContain(Convert.ToHexString(secret), printed, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Convert.ToBase64String(secret), printed, StringComparison.Ordinal);
        }
        foreach (var p in sent.SelectMany(s => s.Packages)) p.Dispose();
        foreach (var s in shares) s.Dispose();
    }
}
