using CcTsa.Cli.Commands;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Ids;
using Xunit.Abstractions;

namespace CcTsa.ControlPlane.Tests.Audit;

/// <summary>
/// Issue 14 item 2 on SQLite: with the triggers dropped, a truncated log or a row rewritten with
/// recomputed hashes passed `audit verify` (the link walk alone, still shown here as
/// VerifyChainAsync = Ok). The anchors in the log, their tokens and the heads in anchors.jsonl catch both.
/// Signed tree heads superseded anchors (issue 21, <see cref="SignedHeadTamperTests"/>); these logs
/// hold anchors as written before, which must still verify and still catch tampering.
/// </summary>
public sealed class AuditTamperTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Issue_21_old_log_with_anchors_still_verifies_heads_and_token_signatures()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(10);
        await a.LegacyAnchorAsync();
        await a.AppendAsync(5);
        await a.LegacyAnchorAsync();

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));

        Assert.True(v.Ok, v.Reason);
        Assert.Equal((2, 2, 0, 2), (v.AnchorsChecked, v.TokensVerified, v.AnchorsWithoutToken, v.ExpectedMatched));
        Assert.Empty(v.SignedHeads);
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("2 anchor tokens verified", text, StringComparison.Ordinal);
        Assert.Contains("0 signed heads", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_21_log_with_old_anchors_then_signed_heads_verifies_both()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(6);
        await a.LegacyAnchorAsync();          // written before the upgrade
        await a.AppendAsync(4);
        var (seq, head) = await a.SignHeadAsync(); // after it: the anchor is one of the events the head covers

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));

        Assert.True(v.Ok, v.Reason);
        Assert.Equal((1, 1, 2), (v.AnchorsChecked, v.TokensVerified, v.ExpectedMatched));
        var checkedHead = Assert.Single(v.SignedHeads);
        Assert.Equal((seq, head.TreeSize, true), (checkedHead.Sequence, checkedHead.TreeSize, checkedHead.TokenVerified));
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("1 signed heads match the log, 1 head tokens verified; 1 old anchors match the chain, 1 anchor tokens verified", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_14_truncated_log_fails_verify_naming_the_recorded_sequence()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(20);
        var anchor = await a.LegacyAnchorAsync(); // 21, anchoring head 20
        await a.AppendAsync(9);             // head 30
        await SqliteTamper.TruncateAfterAsync(a.Data, 10);

        Assert.True((await a.Log.VerifyChainAsync()).Ok, "the finding: the link walk alone sees 10 good events");
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        output.WriteLine(text);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains("first bad sequence 11", text, StringComparison.Ordinal);
        Assert.Contains($"records a head at sequence {anchor - 1}", text, StringComparison.Ordinal);
        Assert.Contains("truncated", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_14_expect_and_anchors_options_fail_on_a_truncated_log()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(12);
        var head = await a.Log.HeadAsync();
        await a.LegacyAnchorAsync();
        var kept = Path.Combine(Directory.CreateTempSubdirectory("cctsa-monitor-").FullName, "anchors.jsonl");
        File.Move(a.Journal.Path, kept); // the monitor's copy; the data folder keeps none
        await SqliteTamper.TruncateAfterAsync(a.Data, 5);

        var (plain, plainText) = await CliAsync("audit", "verify", "--data", a.Data);
        Assert.Equal(ExitCodes.Ok, plain); // without a head from outside, truncation cannot be seen
        Assert.Contains("OK: 5 events", plainText, StringComparison.Ordinal);

        var (expect, expectText) = await CliAsync("audit", "verify", "--data", a.Data, "--expect", $"{head.Sequence}:{head.Hash.Hex}");
        output.WriteLine(expectText);
        Assert.Equal(ExitCodes.Invalid, expect);
        Assert.Contains("--expect 12", expectText, StringComparison.Ordinal);
        Assert.Contains("records a head at sequence 12", expectText, StringComparison.Ordinal);

        var (file, fileText) = await CliAsync("audit", "verify", "--data", a.Data, "--anchors", kept);
        output.WriteLine(fileText);
        Assert.Equal(ExitCodes.Invalid, file);
        Assert.Contains("records a head at sequence 12", fileText, StringComparison.Ordinal);

        var (bad, _) = await CliAsync("audit", "verify", "--data", a.Data, "--expect", "12:nothex");
        Assert.Equal(ExitCodes.Usage, bad);
    }

    [Fact]
    public async Task Issue_14_rewritten_row_with_recomputed_hashes_fails_at_the_anchor_whose_head_changed()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(20);
        await a.LegacyAnchorAsync();                // 21 anchors 20: before the rewrite, still matches
        await a.AppendAsync(19);              // 22..40
        var second = await a.LegacyAnchorAsync();   // 41 anchors 40
        await a.AppendAsync(9);
        File.Delete(a.Journal.Path);          // only the anchors inside the log are left
        await SqliteTamper.RewriteAndRechainAsync(a.Data, 30);

        Assert.True((await a.Log.VerifyChainAsync()).Ok, "the finding: the rewritten chain links up");
        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));
        output.WriteLine(v.ToString());
        Assert.False(v.Ok);
        Assert.Equal(second - 1, v.FirstBad);
        Assert.Contains($"audit_anchored at sequence {second} records head", v.Reason, StringComparison.Ordinal);
        var (code, text) = await CliAsync("audit", "verify", "--data", a.Data);
        Assert.Equal(ExitCodes.Invalid, code);
        Assert.Contains($"first bad sequence {second - 1}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_14_anchor_with_a_forged_token_signature_fails()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(3);
        var genuine = await a.LegacyAnchorAsync();
        var anchored = (AuditAnchored)(await a.Log.ReadAsync(genuine - 1, 1))[0].Data;
        var der = Convert.FromBase64String(anchored.TokenBase64!);
        der[^1] ^= 0x01; // the last byte of the response is the last byte of the signature
        // an attacker re-chaining the log may write any AuditAnchored; appending one is the same bytes
        await a.Log.AppendAsync([anchored with { TokenSerial = SerialNumber.NewRandom(), TokenBase64 = Convert.ToBase64String(der) }]);

        var v = await new AuditVerifier(a.Log).VerifyAsync(Options(a));
        output.WriteLine(v.ToString());
        Assert.False(v.Ok);
        Assert.Equal(genuine + 1, v.FirstBad);
        Assert.Contains("signature does not verify", v.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graceful_stop_appends_the_head_to_anchors_jsonl_unless_the_log_is_broken()
    {
        await using var a = await SignedLog.StartAsync();
        await a.AppendAsync(4);
        var status = new AuditChainStatus();
        var recorder = new ChainHeadRecorder(a.Log, a.Journal, status, TimeProvider.System);

        await recorder.StopAsync(CancellationToken.None);
        status.MarkBroken(3);
        await a.AppendAsync(1);
        await recorder.StopAsync(CancellationToken.None);

        Assert.True(AnchorJournal.TryRead(a.Journal.Path, out var records, out _));
        var stop = Assert.Single(records);
        var head = (await a.Log.ReadAsync(3, 1))[0];
        Assert.Equal((4L, head.Hash.Hex, AnchorRecord.StopKind, (string?)null), (stop.Seq, stop.Hash, stop.Kind, stop.Token));
    }

    internal static AuditVerifyOptions Options(SignedLog a)
    {
        Assert.True(AnchorJournal.TryRead(a.Journal.Path, out var records, out _));
        return new AuditVerifyOptions([.. records.Select((r, i) => ExpectedHead.From(r, i + 1))], AnchorTokenCheck.FromDataDirectory(a.Data));
    }

    internal static async Task<(int Code, string Output)> CliAsync(params string[] args)
    {
        var text = new StringWriter();
        var code = await CctsaCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = text, Error = text });
        return (code, text.ToString());
    }
}
