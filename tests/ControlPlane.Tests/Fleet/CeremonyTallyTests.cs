using CcTsa.ControlPlane.Fleet;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class CeremonyTallyTests
{
    private static readonly CeremonyId Id = CeremonyId.New();

    private static CeremonyFinished Ok(int i, byte key) =>
        new(Id, CeremonyKind.Dkg, new KeyEpoch(1), NodeId.FromIndex(i), true, [key, 1, 2], [9], [], null);

    private static CeremonyTally Tally() => CeremonyTally.Start(Id, CeremonyKind.Dkg, 1, Enumerable.Range(1, 5).Select(NodeId.FromIndex));

    [Fact]
    public void Decide_all_agree_completes_with_the_group_key()
    {
        var t = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, 7)));
        var (verdict, _, key, _) = t.Decide(false);
        Assert.Equal(CeremonyVerdict.Completed, verdict);
        Assert.Equal(new byte[] { 7, 1, 2 }, key);
    }

    [Fact]
    public void Decide_agreeing_ECDSA_keys_complete_and_one_disagreeing_or_missing_aborts()
    {
        CeremonyFinished WithEcdsa(int i, byte[]? ecdsa) => Ok(i, 7) with { EcdsaGroupPublicKey = ecdsa, EcdsaVerifyingShare = ecdsa is null ? null : [(byte)i] };
        var agree = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithEcdsa(i, [2, 9])));
        Assert.Equal(CeremonyVerdict.Completed, agree.Decide(false).Verdict);
        Assert.Equal(new byte[] { 2, 9 }, agree.EcdsaKey());

        var disagree = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithEcdsa(i, i == 2 ? [2, 8] : [2, 9])));
        var (verdict, reason, _, _) = disagree.Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Contains("threshold-ECDSA", reason, StringComparison.Ordinal);

        var missing = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithEcdsa(i, i == 5 ? null : [2, 9])));
        Assert.Equal(CeremonyVerdict.Aborted, missing.Decide(false).Verdict);

        // a ceremony without an ECDSA part (FROST-only fleets, old logs): completes, no ECDSA key
        var none = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithEcdsa(i, null)));
        Assert.Equal(CeremonyVerdict.Completed, none.Decide(false).Verdict);
        Assert.Null(none.EcdsaKey());
    }

    [Fact]
    public void Decide_agreeing_ML_DSA_keys_complete_and_one_disagreeing_or_missing_aborts()
    {
        CeremonyFinished WithMlDsa(int i, byte[]? key) => Ok(i, 7) with { MlDsaGroupPublicKey = key };
        var agree = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithMlDsa(i, [3, 9])));
        Assert.Equal(CeremonyVerdict.Completed, agree.Decide(false).Verdict);
        Assert.Equal(new byte[] { 3, 9 }, agree.MlDsaKey());

        var disagree = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithMlDsa(i, i == 4 ? [3, 8] : [3, 9])));
        var (verdict, reason, _, _) = disagree.Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Contains("ML-DSA-65", reason, StringComparison.Ordinal);

        var missing = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithMlDsa(i, i == 1 ? null : [3, 9])));
        Assert.Equal(CeremonyVerdict.Aborted, missing.Decide(false).Verdict);
        Assert.Null(Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(WithMlDsa(i, null))).MlDsaKey());
    }

    [Fact]
    public void Decide_disagreeing_keys_aborts()
    {
        var t = Enumerable.Range(1, 5).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, i == 4 ? (byte)8 : (byte)7)));
        Assert.Equal(CeremonyVerdict.Aborted, t.Decide(false).Verdict);
    }

    [Fact]
    public void Decide_missing_answers_pending_until_timeout_then_names_them()
    {
        var t = Enumerable.Range(1, 3).Aggregate(Tally(), (acc, i) => acc.With(Ok(i, 7)));
        Assert.Equal(CeremonyVerdict.Pending, t.Decide(false).Verdict);
        var (verdict, _, _, culprits) = t.Decide(true);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Equal(["n4", "n5"], culprits.Select(n => n.Value));
    }

    private static CeremonyFinished Failed(int node, int culprit, string why = "bad proof") =>
        new(Id, CeremonyKind.Dkg, new KeyEpoch(1), NodeId.FromIndex(node), false, null, null, [NodeId.FromIndex(culprit)], why);

    [Fact]
    public void Decide_failure_names_a_culprit_once_a_majority_of_participants_named_it()
    {
        var one = Tally().With(Failed(2, 5));
        Assert.Equal(CeremonyVerdict.Pending, one.Decide(false).Verdict);
        var (verdict, reason, _, culprits) = one.With(Failed(3, 5)).With(Failed(4, 5)).Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Contains("bad proof", reason, StringComparison.Ordinal);
        Assert.Equal(["n5"], culprits.Select(n => n.Value));
    }

    [Fact]
    public void Two_colluders_naming_an_honest_node_get_it_recorded_as_nothing()
    {
        // n4 and n5 (fewer than t) accuse n1; the honest nodes complete or name the colluders
        var t = Tally().With(Failed(4, 1, "forged complaint")).With(Failed(5, 1, "forged complaint"));
        Assert.Equal(CeremonyVerdict.Pending, t.Decide(false).Verdict);
        var (verdict, _, _, culprits) = t.Decide(timedOut: true);
        Assert.Equal(CeremonyVerdict.Aborted, verdict);
        Assert.Empty(culprits);
        var (_, _, _, named) = t.With(Failed(1, 4)).With(Failed(2, 4)).With(Failed(3, 4)).Decide(false);
        Assert.Equal(["n4"], named.Select(n => n.Value));
    }

    [Fact]
    public void A_node_naming_itself_or_a_lone_redistribution_recipient_names_nobody()
    {
        var self = Tally().With(Failed(1, 1)).With(Failed(2, 2)).With(Failed(3, 3)).Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, self.Verdict);
        Assert.Empty(self.Culprits);
        var redistribution = CeremonyTally.Start(Id, CeremonyKind.Redistribution, 1, [NodeId.FromIndex(5)])
            .With(new CeremonyFinished(Id, CeremonyKind.Redistribution, new KeyEpoch(1), NodeId.FromIndex(5), false, null, null, [NodeId.FromIndex(2)], "mismatch"))
            .Decide(false);
        Assert.Equal(CeremonyVerdict.Aborted, redistribution.Verdict);
        Assert.Empty(redistribution.Culprits);
    }

    [Fact]
    public void With_answer_of_other_ceremony_is_ignored()
    {
        var other = new CeremonyFinished(CeremonyId.New(), CeremonyKind.Dkg, new KeyEpoch(1), NodeId.Parse("n1"), true, [1], [1], [], null);
        Assert.Empty(Tally().With(other).Answers);
    }
}
