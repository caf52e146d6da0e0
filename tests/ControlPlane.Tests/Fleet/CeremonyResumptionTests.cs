using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Contracts.Messages.Ceremonies;

namespace CcTsa.ControlPlane.Tests.Fleet;

public class CeremonyResumptionTests
{
    private static readonly DateTimeOffset Started = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    private const string KeyHex = "070102";

    private static NodeId N(int i) => NodeId.FromIndex(i);

    // CeremonyRunner's order: helpers n1,n3,n4,n5 then the recipient n2
    private static CeremonyInfo Redistribution() =>
        new(CeremonyId.New(), CeremonyKind.Redistribution, 1, [N(1), N(3), N(4), N(5), N(2)], "node-lost", Started);

    private static CeremonyInfo Dkg() =>
        new(CeremonyId.New(), CeremonyKind.Dkg, 2, [.. Enumerable.Range(1, 5).Select(N)], "quorum-lost", Started);

    private static CeremonyFinished Ok(CeremonyInfo c, int node, byte key = 7) =>
        new(c.Id, c.Kind, new KeyEpoch(c.Epoch), N(node), true, [key, 1, 2], [9, (byte)node], [], null);

    private static ResumptionDecision Decide(CeremonyInfo c, CeremonyTally tally, DateTimeOffset adopted, DateTimeOffset now, bool survived = true, string current = KeyHex) =>
        CeremonyResumption.Decide(c, tally, adopted, now, Timeout, Grace, survived, current);

    [Fact]
    public void Roles_redistribution_recipient_is_listed_last()
    {
        var (helpers, recipient) = CeremonyResumption.Roles(Redistribution());
        Assert.Equal(["n1", "n3", "n4", "n5"], helpers.Select(n => n.Value));
        Assert.Equal(N(2), recipient);
        Assert.Equal([N(2)], CeremonyResumption.Expected(Redistribution()));
    }

    [Fact]
    public void Roles_dkg_expects_every_participant_and_has_no_recipient()
    {
        var c = Dkg();
        Assert.Null(CeremonyResumption.Roles(c).Recipient);
        Assert.Equal(c.Participants, CeremonyResumption.Expected(c));
    }

    [Fact]
    public void Decide_recipient_answer_queued_across_the_restart_completes_with_the_same_key()
    {
        var c = Redistribution();
        var tally = CeremonyResumption.Tally(c).With(Ok(c, 2));
        var d = Decide(c, tally, Started.AddSeconds(8), Started.AddSeconds(9));
        Assert.Equal(ResumptionVerdict.Complete, d.Verdict);
        Assert.Equal(new byte[] { 7, 1, 2 }, d.GroupKey);
    }

    [Fact]
    public void Decide_helper_answers_alone_do_not_complete_a_redistribution()
    {
        var c = Redistribution();
        var tally = new[] { 1, 3, 4, 5 }.Aggregate(CeremonyResumption.Tally(c), (t, n) => t.With(Ok(c, n)));
        Assert.Equal(ResumptionVerdict.Wait, Decide(c, tally, Started.AddSeconds(8), Started.AddSeconds(9)).Verdict);
    }

    [Fact]
    public void Decide_no_answer_waits_until_the_original_deadline()
    {
        var c = Redistribution();
        var d = Decide(c, CeremonyResumption.Tally(c), Started.AddSeconds(8), Started.AddSeconds(29));
        Assert.Equal(ResumptionVerdict.Wait, d.Verdict);
        Assert.Contains("n2", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_no_answer_after_the_deadline_aborts_saying_the_control_plane_restarted_without_culprits()
    {
        var c = Redistribution();
        var d = Decide(c, CeremonyResumption.Tally(c), Started.AddSeconds(8), Started.AddSeconds(30));
        Assert.Equal(ResumptionVerdict.Abort, d.Verdict);
        Assert.StartsWith(CeremonyResumption.Restarted, d.Reason, StringComparison.Ordinal);
        Assert.Contains("n2", d.Reason, StringComparison.Ordinal);
        Assert.Empty(d.Culprits);
    }

    [Fact]
    public void Decide_restart_after_the_deadline_still_gives_queued_answers_the_grace()
    {
        var c = Redistribution();
        var adopted = Started.AddMinutes(5);
        Assert.Equal(ResumptionVerdict.Wait, Decide(c, CeremonyResumption.Tally(c), adopted, adopted.AddSeconds(4)).Verdict);
        Assert.Equal(ResumptionVerdict.Abort, Decide(c, CeremonyResumption.Tally(c), adopted, adopted.AddSeconds(5)).Verdict);
    }

    [Fact]
    public void Decide_participants_that_died_with_the_control_plane_abort_at_once()
    {
        var c = Dkg();
        var d = Decide(c, CeremonyResumption.Tally(c), Started.AddSeconds(1), Started.AddSeconds(1), survived: false);
        Assert.Equal(ResumptionVerdict.Abort, d.Verdict);
        Assert.StartsWith(CeremonyResumption.Restarted, d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_a_participant_failure_aborts_with_its_reason_and_culprits()
    {
        var c = Dkg();
        CeremonyFinished Bad(int node) => new(c.Id, c.Kind, new KeyEpoch(c.Epoch), N(node), false, null, null, [N(4)], "bad proof");
        // a culprit is recorded once a majority of the participants named it (one node's word is not enough)
        var d = Decide(c, CeremonyResumption.Tally(c).With(Bad(3)).With(Bad(1)).With(Bad(2)), Started.AddSeconds(8), Started.AddSeconds(9));
        Assert.Equal(ResumptionVerdict.Abort, d.Verdict);
        Assert.Contains("bad proof", d.Reason, StringComparison.Ordinal);
        Assert.Equal([N(4)], d.Culprits);
    }

    [Fact]
    public void Decide_redistribution_reporting_another_group_key_aborts()
    {
        var c = Redistribution();
        var d = Decide(c, CeremonyResumption.Tally(c).With(Ok(c, 2, key: 8)), Started.AddSeconds(8), Started.AddSeconds(9));
        Assert.Equal(ResumptionVerdict.Abort, d.Verdict);
        Assert.Contains("group key changed", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_dkg_completes_with_a_new_key()
    {
        var c = Dkg();
        var tally = Enumerable.Range(1, 5).Aggregate(CeremonyResumption.Tally(c), (t, n) => t.With(Ok(c, n, key: 9)));
        var d = Decide(c, tally, Started.AddSeconds(8), Started.AddSeconds(9));
        Assert.Equal(ResumptionVerdict.Complete, d.Verdict);
        Assert.Equal(new byte[] { 9, 1, 2 }, d.GroupKey);
    }

    [FsCheck.Xunit.Property]
    public bool Decide_never_waits_past_the_later_of_deadline_and_grace(byte startOffsetSeconds, byte elapsedSeconds)
    {
        var c = Redistribution();
        var adopted = Started.AddSeconds(startOffsetSeconds);
        var now = adopted.AddSeconds(elapsedSeconds);
        var deadline = new[] { Started + Timeout, adopted + Grace }.Max();
        var d = Decide(c, CeremonyResumption.Tally(c), adopted, now);
        return d.Verdict == (now >= deadline ? ResumptionVerdict.Abort : ResumptionVerdict.Wait);
    }
}
