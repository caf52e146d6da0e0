using System.Collections.Immutable;
using CcTsa.Crypto.Frost;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Tests.Frost;
using CcTsa.Crypto.Tests.Vectors;
using FsCheck.Xunit;

namespace CcTsa.Crypto.Tests.Properties;

/// <summary>
/// Random t-of-n (t 2..5, n t..7): DKG, sign with random subsets, repair, refresh — every
/// signature checked by NSec's Ed25519; and t−1 shares never yield a valid signature.
/// Iteration counts stay modest: each case runs several full ceremonies.
/// </summary>
public class ThresholdProperties
{
    private static (int T, int N, Random Rng) Config(byte a, byte b, int seed)
    {
        var t = 2 + (a % 4);
        var n = t + (b % (8 - t));
        return (t, n, new Random(seed));
    }

    private static List<ParticipantId> Subset(Random rng, int n, int size) =>
        FrostHarness.Ids(n).OrderBy(_ => rng.Next()).Take(size).ToList();

    [Property(MaxTest = 12)]
    public void Dkg_then_any_t_or_more_signers_verify_with_plain_ed25519(byte a, byte b, int seed, byte[] message)
    {
        var (t, n, rng) = Config(a, b, seed);
        using var g = FrostHarness.Dkg(t, n);
        var signers = Subset(rng, n, rng.Next(t, n + 1));
        var sig = FrostHarness.Sign(signers.Select(i => g.Keys[i]), g.PublicKeys, message ?? []).Value;
        Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, message ?? [], sig.ToArray()));
    }

    [Property(MaxTest = 8)]
    public void Repair_then_refresh_keep_signing_under_the_same_key(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        var msg = BitConverter.GetBytes(seed);
        using var g = FrostHarness.Dkg(t, n);
        var lost = Subset(rng, n, 1)[0];
        var helpers = FrostHarness.Ids(n).Where(i => i != lost).OrderBy(_ => rng.Next()).Take(t).ToList();
        if (helpers.Count >= t)
        {
            using var repaired = FrostHarness.Repair(g, helpers, lost);
            var others = helpers.Take(t - 1).Select(i => g.Keys[i]).Append(repaired);
            var sig = FrostHarness.Sign(others, g.PublicKeys, msg).Value;
            Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, msg, sig.ToArray()));
        }
        using var r = FrostHarness.Refresh(g);
        Assert.Equal(g.PublicKeys.VerifyingKey, r.PublicKeys.VerifyingKey);
        var after = FrostHarness.Sign(Subset(rng, n, t).Select(i => r.Keys[i]), r.PublicKeys, msg).Value;
        Assert.True(IndependentVerifier.Verify(g.PublicKeys.VerifyingKey, msg, after.ToArray()));
    }

    [Property(MaxTest = 10)]
    public void Fewer_than_t_shares_never_produce_a_valid_signature(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        var msg = BitConverter.GetBytes(seed);
        using var g = FrostHarness.Dkg(t, n);
        var few = Subset(rng, n, t - 1);
        // The API refuses outright…
        Assert.False(FrostHarness.Sign(few.Select(i => g.Keys[i]), g.PublicKeys, msg).IsOk);
        if (t - 1 < 2) return;
        // …and a coordinator that pretends the threshold is t−1 gets shares that do not combine.
        var lowered = few.Select(i => KeyPackage.FromShare(i, g.Keys[i].SigningShare.Clone(), g.PublicKeys.VerifyingKey, t - 1)).ToList();
        var pub = new PublicKeyPackage(g.PublicKeys.VerifyingShares, g.PublicKeys.VerifyingKey, t - 1);
        var nonces = lowered.Select(Round1.Commit).ToList();
        var package = SigningPackage.Create(nonces.Select(x => x.Commitments), msg).Value;
        var shares = lowered.Select((k, i) => Round2.Sign(package, nonces[i], k).Value).ToList();
        var (_, r, _) = package.Derive(pub.VerifyingKey);
        var z = shares.Aggregate(CcTsa.Crypto.Ed25519.PublicScalar.Zero, (acc, s) => acc + s.Share);
        var forged = new Signature(r, z);
        Assert.False(IndependentVerifier.Verify(pub.VerifyingKey, msg, forged.ToArray()));
        Assert.False(Aggregate.Combine(package, shares, pub).IsOk);
        foreach (var k in lowered) k.Dispose();
    }

    [Property(MaxTest = 10)]
    public void Lagrange_coefficients_interpolate_a_polynomial(byte a, int seed)
    {
        var t = 2 + (a % 5);
        var rng = new Random(seed);
        using var poly = Polynomial<CcTsa.Crypto.Ed25519.Ed25519PrimeOrderGroup, CcTsa.Crypto.Ed25519.Point>.Random(t, zeroConstant: false);
        var set = FrostHarness.Ids(12).OrderBy(_ => rng.Next()).Take(t).ToImmutableArray();
        var acc = CcTsa.Crypto.Ed25519.Point.Identity;
        foreach (var i in set)
        {
            using var y = CcTsa.Crypto.Ed25519.Scalar.Adopt(poly.Evaluate(i));
            acc += CcTsa.Crypto.Ed25519.Ed25519Group.Mul(y.ToPoint(), Lagrange.AtZero(i, set).Encoding);
        }
        Assert.Equal(poly.Commit()[0], acc);
    }
}
