using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Channel;
using CcTsa.Crypto.Common;
using CcTsa.Crypto.Frost.Dkg;
using CcTsa.Crypto.Native;
using CcTsa.Crypto.Sharing;
using CcTsa.Crypto.Sharing.Dkg;

namespace CcTsa.Crypto.Tests.Sharing;

/// <summary>
/// The cases of <see cref="GroupDkgSuite"/> for one group (the group types are internal to the
/// crypto assembly, so the public xUnit classes reach them through <see cref="IGroupDkgCases"/>).
/// </summary>
internal sealed class GroupDkgCases<TGroup, TPoint> : IGroupDkgCases
    where TGroup : IPrimeOrderGroup<TPoint>
    where TPoint : notnull
{
    private static (int T, int N, Random Rng) Config(byte a, byte b, int seed)
    {
        var t = 2 + (a % 3);
        var n = t + (b % (6 - t));
        return (t, n, new Random(seed));
    }

    private static List<ParticipantId> Subset(Random rng, IEnumerable<ParticipantId> ids, int size) => [.. ids.OrderBy(_ => rng.Next()).Take(size)];

    public void Dkg_any_t_public_shares_interpolate_the_group_key_and_fewer_do_not(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        using var g = GroupDkg<TGroup, TPoint>.Dkg(t, n);
        var ids = GroupDkg<TGroup, TPoint>.Ids(n);
        var set = Subset(rng, ids, t);
        Assert.True(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.Interpolate(set, i => g.PublicShares[i])));
        Assert.True(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.InterpolateSecret(set, i => g.Shares[i])));
        foreach (var i in ids) Assert.True(TGroup.PointEquals(TGroup.BaseMul(g.Shares[i].Span), g.PublicShares[i]));
        var fewer = Subset(rng, ids, t - 1);
        Assert.False(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.Interpolate(fewer, i => g.PublicShares[i])));
        Assert.False(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.InterpolateSecret(fewer, i => g.Shares[i])));
    }

    public void A_wrong_share_is_a_complaint_naming_its_dealer_only(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        var pick = Subset(rng, GroupDkg<TGroup, TPoint>.Ids(n), 2);
        var (dealer, victim) = (pick[0], pick[1]);
        var results = GroupDkg<TGroup, TPoint>.Run(t, n, tamperShare: s =>
            s.Sender == dealer && s.Recipient == victim ? new TestShare(s.Sender, s.Recipient, GroupDkg<TGroup, TPoint>.PlusOne(s.Secret)) : s);
        var fault = results[victim].Error;
        Assert.Equal(DkgFaultKind.InvalidSecretShare, fault.Kind);
        Assert.Equal([dealer], fault.Culprits);
        Assert.All(results.Where(r => r.Key != victim), r => Assert.True(r.Value.IsOk));
        foreach (var r in results.Values.Where(r => r.IsOk)) r.Value.Share.Dispose();
    }

    public void A_wrong_commitment_is_named_by_every_receiver()
    {
        var dealer = ParticipantId.FromIndex(3);
        // φ_1 replaced by φ_1 + G: the dealer's honest shares no longer match what it committed to
        var results = GroupDkg<TGroup, TPoint>.Run(3, 5, tamperRound1: m => m.Sender != dealer ? m
            : m with { Commitment = [m.Commitment[0], TGroup.Add(m.Commitment[1], TGroup.Generator), m.Commitment[2]] });
        Assert.All(results.Where(r => r.Key != dealer), r => Assert.Equal([dealer], r.Value.Error.Culprits));
        Assert.All(results.Where(r => r.Key != dealer), r => Assert.Equal(DkgFaultKind.InvalidSecretShare, r.Value.Error.Kind));
        var tooShort = GroupDkg<TGroup, TPoint>.Run(3, 5, tamperRound1: m => m.Sender != dealer ? m : m with { Commitment = [.. m.Commitment.Take(2)] });
        Assert.All(tooShort.Where(r => r.Key != dealer), r => Assert.Equal((DkgFaultKind.InvalidCommitment, dealer), (r.Value.Error.Kind, r.Value.Error.Culprits.Single())));
        foreach (var r in results.Values.Concat(tooShort.Values).Where(r => r.IsOk)) r.Value.Share.Dispose();
    }

    public void A_bad_proof_of_knowledge_is_named_by_every_receiver()
    {
        var bad = ParticipantId.FromIndex(2);
        var results = GroupDkg<TGroup, TPoint>.Run(2, 4, tamperRound1: m =>
        {
            if (m.Sender != bad || m.Proof is null) return m;
            using var z = GroupDkg<TGroup, TPoint>.PlusOne(m.Proof.Z);
            return m with { Proof = m.Proof with { Z = z.Span.ToArray() } };
        });
        Assert.All(results.Where(r => r.Key != bad), r => Assert.Equal((DkgFaultKind.InvalidProofOfKnowledge, bad), (r.Value.Error.Kind, r.Value.Error.Culprits.Single())));
        results[bad].Value.Share.Dispose();
    }

    public void The_judge_names_the_dealer_of_a_bad_share_and_a_false_accuser_otherwise(bool shareIsValid)
    {
        var (dealer, complainer) = (NodeId.FromIndex(1), NodeId.FromIndex(2));
        using var poly = Polynomial<TGroup, TPoint>.Random(3, zeroConstant: false);
        var commitment = poly.Commit();
        using var good = poly.Evaluate(ParticipantId.FromNode(complainer));
        var evidence = new ShareComplaintEvidence(dealer, complainer, 0, null!, null!, null!, null!, null!, default, null!,
            new SealContext(dealer, complainer, "test"));
        // the opener stands in for the channel (tested with each protocol's sealed packages): it yields the share as sent
        var check = ShareJudge<TGroup, TPoint>.Against<TestShare>(commitment, (_, _, _) => new TestShare(ParticipantId.FromNode(dealer),
            ParticipantId.FromNode(complainer), shareIsValid ? SecretHandle.CopyOf(good.Span) : GroupDkg<TGroup, TPoint>.PlusOne(good.Span)));
        var verdict = check(null!, null!, evidence);
        Assert.Equal(shareIsValid ? ComplaintFinding.ComplainerAtFault : ComplaintFinding.AccusedAtFault, verdict.Finding);
        Assert.Equal(shareIsValid ? complainer : dealer, verdict.Culprit);
        Assert.Contains(TGroup.Name, verdict.Reason, StringComparison.Ordinal);
    }

    public void Refresh_keeps_the_key_changes_every_share_and_old_and_new_do_not_mix(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        using var g = GroupDkg<TGroup, TPoint>.Dkg(t, n);
        var round = GroupDkg<TGroup, TPoint>.Run(t, n, refresh: true);
        var fresh = new Dictionary<ParticipantId, SecretHandle>();
        IReadOnlyDictionary<ParticipantId, TPoint>? publicShares = null;
        foreach (var (i, r) in round)
        {
            using var delta = r.Value.Share;
            var applied = ShareRefresh<TGroup, TPoint>.Apply(i, g.Shares[i].Span, delta.Span, r.Value.Sum, r.Value.Participants, g.PublicShares).Value;
            fresh[i] = applied.Share;
            publicShares = applied.PublicShares;
        }
        using var refreshed = new GroupDkg<TGroup, TPoint>.Outcome(fresh, g.GroupKey, publicShares!);
        var set = Subset(rng, fresh.Keys, t);
        Assert.True(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.Interpolate(set, i => refreshed.PublicShares[i])));
        Assert.True(TGroup.PointEquals(g.GroupKey, GroupDkg<TGroup, TPoint>.InterpolateSecret(set, i => fresh[i])));
        Assert.All(fresh, kv => Assert.False(kv.Value.Span.SequenceEqual(g.Shares[kv.Key].Span)));
        var mixed = GroupDkg<TGroup, TPoint>.InterpolateSecret(set, i => i == set[0] ? g.Shares[i] : fresh[i]);
        Assert.False(TGroup.PointEquals(g.GroupKey, mixed));
    }

    public void Repair_by_any_t_helpers_rebuilds_the_lost_share_and_fewer_cannot(byte a, byte b, int seed)
    {
        var (t, n, rng) = Config(a, b, seed);
        if (n == t) n++; // a lost participant needs t other helpers
        using var g = GroupDkg<TGroup, TPoint>.Dkg(t, n);
        var lost = Subset(rng, g.Shares.Keys, 1)[0];
        var helpers = Subset(rng, g.Shares.Keys.Where(i => i != lost), t);
        var deltas = helpers.SelectMany(h => ShareRepair<TGroup, TPoint>.Part1(helpers, h, t, g.Shares[h].Span, lost).Value
            .Select((d, j) => new TestShare(h, helpers[j], d))).ToList();
        var sigmas = helpers.Select(h =>
        {
            var s = ShareRepair<TGroup, TPoint>.Part2(deltas.Where(d => d.Recipient == h).ToList(), h, helpers, _ => lost).Value;
            return new TestShare(h, s.Lost, s.Sigma);
        }).ToList();
        using var repaired = ShareRepair<TGroup, TPoint>.Part3(sigmas, lost, t, g.PublicShares[lost]).Value;
        Assert.True(repaired.Span.SequenceEqual(g.Shares[lost].Span));
        var tooFew = ShareRepair<TGroup, TPoint>.Part3(sigmas.Take(t - 1).ToList(), lost, t, g.PublicShares[lost]);
        Assert.Equal(DkgFaultKind.IncorrectNumberOfParticipants, tooFew.Error.Kind);
        Assert.Equal(DkgFaultKind.IncorrectNumberOfParticipants, ShareRepair<TGroup, TPoint>.Part1(helpers.Take(t - 1).ToList(), helpers[0], t, g.Shares[helpers[0]].Span, lost).Error.Kind);
        foreach (var p in deltas.Concat(sigmas)) p.Dispose();
    }
}
