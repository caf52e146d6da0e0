using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Audit;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using Xunit.Abstractions;
using static CcTsa.ControlPlane.Tests.Audit.AuditTamperTests;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// Issue 21: signed tree heads supersede the audit anchor. An attacker with write access to
/// events.db (triggers dropped) edits or truncates events below a signed head, or records a head
/// whose token stamps another size/root: `audit verify` and the verifier the start-up guard runs
/// refuse, naming the sequence and the head.
/// </summary>
public sealed class SignedHeadTamperTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Intact_log_with_signed_heads_verifies_roots_and_head_tokens_and_lists_the_heads()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(10);
        var (first, _) = await a.SignHeadAsync();   // size 10 at 11
        await a.AppendAsync(5);
        var (second, head) = await a.SignHeadAsync(); // size 16 at 17

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));

        Assert.True(v.Ok, v.Reason);
        Assert.Equal([(first, 10L, true, HeadRootSource.Events), (second, 16L, true, HeadRootSource.Events)],
            v.SignedHeads.Select(h => (h.Sequence, h.TreeSize, h.TokenVerified, h.RootFrom)));
        Assert.Equal(2, v.ExpectedMatched); // both heads are in anchors.jsonl too
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("2 signed heads match the log, 2 head tokens verified", text, StringComparison.Ordinal);
        Assert.Contains($"head at sequence {second}: tree size 16, root {head.RootHashHex}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Head_tokens_verify_under_the_certificate_of_another_scheme_than_FROST()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(3);
        await a.SignHeadAsync();
        // heads are signed under the default policy (threshold ECDSA): its certificate is {n}.{scheme}.pem, not {n}.pem
        var layout = new CcTsa.ControlPlane.Pki.PkiLayout(a.Data);
        File.Move(layout.EpochCertificate(1), layout.EpochCertificate(1, "ecdsa-p384"));

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));

        Assert.True(v.Ok, v.Reason);
        Assert.True(Assert.Single(v.SignedHeads).TokenVerified);
    }

    [Fact]
    public async Task Incremental_walk_compares_later_heads_with_the_stored_tree()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(3);
        await a.SignHeadAsync();
        await a.AppendAsync(3);
        var (second, _) = await a.SignHeadAsync();
        Assert.True(AnchorJournal.TryRead(a.Journal.Path, out var records, out _));
        var start = ExpectedHead.From(records[0], 1);

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a) with { StartFrom = start });

        Assert.True(v.Ok, v.Reason);
        var later = Assert.Single(v.SignedHeads);
        Assert.Equal((second, HeadRootSource.StoredTree, true), (later.Sequence, later.RootFrom, later.TokenVerified));
    }

    [Fact]
    public async Task Issue_21_truncated_log_below_a_signed_head_fails_naming_the_head_in_anchors_jsonl()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(20);
        var (seq, _) = await a.SignHeadAsync(); // size 20 at 21
        await a.AppendAsync(9);
        await SqliteTamper.TruncateAfterAsync(a.Data, 10);

        Assert.True((await a.Log.VerifyChainAsync()).Ok, "the link walk alone sees 10 good events");
        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));
        Assert.False(v.Ok);
        Assert.Equal(11, v.FirstBad);
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("first bad sequence 11", text, StringComparison.Ordinal);
        Assert.Contains($"anchors.jsonl line 1 (head) records a head at sequence {seq}: the log was truncated", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_21_edited_event_below_a_signed_head_fails_at_that_head_even_with_recomputed_hashes()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(20);
        await a.SignHeadAsync();                     // size 20 at 21: before the edit, still matches
        await a.AppendAsync(19);                     // 22..40
        var (second, head) = await a.SignHeadAsync(); // size 40 at 41
        await a.AppendAsync(9);
        File.Delete(a.Journal.Path);                 // only the heads inside the log are left
        await SqliteTamper.RewriteAndRechainAsync(a.Data, 30);

        Assert.True((await a.Log.VerifyChainAsync()).Ok, "the rewritten chain links up");
        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));
        output.WriteLine(v.ToString());
        Assert.False(v.Ok);
        Assert.Equal(head.TreeSize, v.FirstBad);
        Assert.Contains($"log_head_signed at sequence {second} records root {head.RootHashHex} for tree size 40, but the events give", v.Reason, StringComparison.Ordinal);
        Assert.Contains("rewritten below the signed head", v.Reason, StringComparison.Ordinal);
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains($"first bad sequence 40 (log_head_signed at sequence {second}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_21_head_whose_token_stamps_another_size_or_root_is_reported()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(4);
        var (_, first) = await a.SignHeadAsync();
        await a.AppendAsync(2);
        var (_, second) = await a.SignHeadAsync();
        // an attacker re-chaining the log may write any LogHeadSigned: the second head's numbers with
        // the first head's genuine token (appending one is the same bytes as rewriting one)
        await a.Log.AppendAsync([second with { TokenSerial = SerialNumber.NewRandom(), TokenBase64 = first.TokenBase64 }]);
        var forged = (await a.Log.HeadAsync()).Sequence;

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));
        output.WriteLine(v.ToString());
        Assert.False(v.Ok);
        Assert.Equal(forged, v.FirstBad);
        Assert.Contains($"log_head_signed at sequence {forged} (tree size {second.TreeSize}): the head token does not verify", v.Reason, StringComparison.Ordinal);
        Assert.Contains("message imprint does not match", v.Reason, StringComparison.Ordinal);
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains($"first bad sequence {forged}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_21_head_covering_events_after_it_is_reported()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(3);
        var (seq, head) = await a.SignHeadAsync();
        await a.Log.AppendAsync([head with { TreeSize = seq + 5 }]);

        var v = await new AuditVerifier(a.Log).VerifyAsync(AuditVerifyOptions.ChainOnly);

        Assert.False(v.Ok);
        Assert.Equal(seq + 1, v.FirstBad);
        Assert.Contains("covers events that do not all precede it", v.Reason, StringComparison.Ordinal);
    }
}
