using CcTsa.Contracts.Ids;
using System.Diagnostics;
using System.Security.Cryptography;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Dkls23;
using CcTsa.Crypto.Dkls23.Dkg;
using CcTsa.Crypto.P384;
using CcTsa.Crypto.Sharing;
using Xunit.Abstractions;

namespace CcTsa.Crypto.Tests.Dkls23;

/// <summary>
/// Proactive refresh and repair of a P-384 key share (the ceremonies' ECDSA half): refresh keeps
/// the key, changes every share and binds a new sid, and the refreshed shares sign; a bad refresh
/// share names its dealer; repair rebuilds exactly the lost share from t helpers without the key.
/// </summary>
public class RefreshRepairTests(ITestOutputHelper output)
{
    private static P384Scalar Reconstruct(IEnumerable<KeyShare> keys)
    {
        var list = keys.ToList();
        var ids = list.Select(k => k.Self).ToList();
        var sum = P384Scalar.Zero;
        foreach (var k in list) sum += CcTsa.Crypto.Dkls23.Sign.SignRound2.Lagrange(k.Self, ids) * k.Share;
        return sum;
    }

    private static KeyShare[] Refresh(KeyShare[] keys, Func<DkgRound2, DkgRound2>? tamper = null) => [.. TryRefresh(keys, tamper).Select(r => r.Value)];

    private static CcTsa.Crypto.Common.Result<KeyShare, Dkls23Error>[] TryRefresh(KeyShare[] keys, Func<DkgRound2, DkgRound2>? tamper = null)
    {
        var ids = keys.Select(k => k.Self).ToList();
        var context = RandomNumberGenerator.GetBytes(32);
        var p1 = keys.Select(k => P384Refresh.Part1(k.Self, k.Threshold, ids, context)).ToArray();
        var round1 = p1.ToDictionary(p => p.Message.From, p => P384RefreshRound1.FromBytes(p.Message.ToBytes())!);
        var shares = p1.SelectMany(p => P384Refresh.Part2(p.Secret)).Select(s => tamper is null ? s : tamper(s)).ToList();
        return [.. keys.Select((k, i) => P384Refresh.Part3(p1[i].Secret, round1, [.. shares.Where(s => s.To == k.Self)], k))];
    }

    [Fact]
    public void Refresh_keeps_the_key_changes_every_share_and_the_new_shares_sign()
    {
        using var h = Dkls23Harness.Create(3, 5);
        var refreshed = Refresh(h.Keys);
        Assert.All(refreshed, k => Assert.Equal(h.Keys[0].PublicKey, k.PublicKey));
        Assert.All(refreshed.Zip(h.Keys), p => Assert.NotEqual(p.Second.Share, p.First.Share));
        Assert.All(refreshed, k => Assert.Equal(refreshed[0].Sid, k.Sid));
        Assert.NotEqual(h.Keys[0].Sid, refreshed[0].Sid);
        Assert.Equal(Reconstruct(h.Keys.Take(3)), Reconstruct(refreshed.Skip(2)));
        // an old share does not combine with new ones
        Assert.NotEqual(Reconstruct(h.Keys.Take(3)), Reconstruct([h.Keys[0], refreshed[1], refreshed[2]]));

        using var after = Dkls23Harness.Of(refreshed);
        var digest = SHA384.HashData("refreshed"u8);
        var (signature, errors) = after.Sign([ParticipantId.FromIndex(2), ParticipantId.FromIndex(4), ParticipantId.FromIndex(5)], digest);
        Assert.Empty(errors);
        Assert.True(DotNetEcdsa.Verifies(refreshed[0].PublicKey, digest, signature!));
    }

    [Fact]
    public void A_bad_refresh_share_is_refused_naming_its_dealer()
    {
        using var h = Dkls23Harness.Create(3, 5);
        var results = TryRefresh(h.Keys, s => s.From == ParticipantId.FromIndex(2) && s.To == ParticipantId.FromIndex(4)
            ? new DkgRound2(s.From, s.To, P384Scalar.RandomNonZero()) : s);
        var victim = results[3];
        Assert.False(victim.IsOk);
        Assert.Equal(Dkls23Failure.InvalidSecretShare, victim.Error.Failure);
        Assert.Equal([ParticipantId.FromIndex(2)], victim.Error.Culprits);
    }

    [Fact]
    public void Repair_rebuilds_the_lost_share_from_t_helpers_through_sealed_values()
    {
        using var h = Dkls23Harness.Create(3, 5);
        var lost = ParticipantId.FromIndex(5);
        ParticipantId[] helpers = [ParticipantId.FromIndex(1), ParticipantId.FromIndex(3), ParticipantId.FromIndex(4)];
        var deltas = helpers.SelectMany(i => P384Repair.Part1(helpers, h.Keys[i.Value - 1], lost).Value).ToList();
        var sigmas = helpers.Select(j => P384Repair.Part2([.. deltas.Where(d => d.Recipient == j)], j, helpers).Value).ToList();
        // σ travels sealed to the replacement's ceremony key, under the repair context
        using var keys = ChannelKeyPair.Generate();
        var opened = sigmas.Select(s =>
        {
            var context = new SealContext(NodeId.FromIndex(s.Sender.Value), NodeId.FromIndex(5), "test repair-sigma");
            return P384RepairValue.Open(true, s.SealTo(keys.PublicKey, context), keys, context).Value;
        }).ToList();
        var package = P384PublicPackage.FromBytes(P384PublicPackage.Of(h.Keys[0]).ToBytes())!;
        var repaired = P384Repair.Part3(opened, lost, package).Value;
        Assert.Equal(h.Keys[4].Share, repaired.Share);
        Assert.Equal(h.Keys[0].Sid, repaired.Sid);
        // one σ missing: refused
        Assert.False(P384Repair.Part3([.. opened.Take(2)], lost, package).IsOk);
    }

    [Fact]
    public void Measure_the_P384_DKG_parts_beside_nothing_else()
    {
        var clock = Stopwatch.StartNew();
        var keys = Dkls23Harness.RunDkg(3, 5);
        var dkg = clock.Elapsed;
        clock.Restart();
        var pairs = Dkls23Harness.RunSetup(keys);
        var setup = clock.Elapsed;
        output.WriteLine($"P-384 DKG compute for 5 parties (t=3), all in one process: {dkg.TotalMilliseconds:F0} ms; 10 pairwise setups: {setup.TotalMilliseconds:F0} ms");
        Assert.Equal(5, keys.Length);
        foreach (var k in keys) k.Dispose();
        foreach (var p in pairs.Values.SelectMany(d => d.Values)) p.Dispose();
    }
}
