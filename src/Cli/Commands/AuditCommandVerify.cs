using System.CommandLine;
using System.Globalization;
using CcTsa.ControlPlane.Audit;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa audit verify [--expect SEQ:HASH]... [--anchors FILE]`: re-walks the chain, checks every
/// AuditAnchored head against it and every anchor token's signature (certificates from
/// `DATA/pki`), and every head recorded outside the log (`--anchors`, default `DATA/anchors.jsonl`
/// when present; `--expect`). A broken, rewritten or truncated log exits Invalid and names the sequence.
/// </summary>
internal static class AuditCommandVerify
{
    public static Command Create(AuditCommand.StoreOptions store)
    {
        var expect = new Option<string[]>("--expect") { Description = "A head the log must contain, SEQ:HASH (e.g. from GET /api/audit/head); repeatable", AllowMultipleArgumentsPerToken = false };
        var anchors = new Option<string?>("--anchors") { Description = "anchors.jsonl to check against (default: DATA/anchors.jsonl when present)" };
        var verify = new Command("verify", "Re-walk the hash chain, check anchors and expected heads, report the first bad sequence") { expect, anchors };
        verify.SetAction(async (r, ct) =>
        {
            var error = r.InvocationConfiguration.Error;
            var data = r.GetValue(store.Data) ?? EventLogOpener.DefaultDataDirectory;
            var expected = new List<ExpectedHead>();
            foreach (var text in r.GetValue(expect) ?? [])
            {
                if (!ExpectedHead.TryParse(text, out var head))
                {
                    await error.WriteLineAsync("--expect must be SEQ:HASH (sequence ≥ 1, 64 hex digits)").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                expected.Add(head);
            }
            var anchorsFile = r.GetValue(anchors);
            if (anchorsFile is not null && !File.Exists(anchorsFile))
            {
                await error.WriteLineAsync($"--anchors: no such file '{anchorsFile}'").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            anchorsFile ??= Path.Combine(data, AnchorJournal.FileName);
            if (!AnchorJournal.TryRead(anchorsFile, out var records, out var unreadable))
            {
                await error.WriteLineAsync(unreadable).ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            expected.AddRange(records.Select((rec, i) => ExpectedHead.From(rec, i + 1)));
            var tokens = AnchorTokenCheck.FromDataDirectory(data);
            return await AuditCommand.WithLogAsync(store, r, async (log, output, token) =>
            {
                var v = await new AuditVerifier(log).VerifyAsync(new AuditVerifyOptions(expected, tokens), token).ConfigureAwait(false);
                var anchorsText = string.Create(CultureInfo.InvariantCulture,
                    $"{v.AnchorsChecked} anchors match the chain, {v.TokensVerified} anchor tokens verified{(tokens is null ? " (no certificates in " + data + "/pki: signatures not checked)" : "")}, {v.AnchorsWithoutToken} anchors without token, {v.ExpectedMatched} external heads matched");
                if (v.Ok)
                {
                    await output.WriteLineAsync($"OK: {v.Events} events, chain intact; {anchorsText}").ConfigureAwait(false);
                    return ExitCodes.Ok;
                }
                await output.WriteLineAsync($"TAMPERED: first bad sequence {v.FirstBad} ({v.Reason}); {v.Events} events walked").ConfigureAwait(false);
                return ExitCodes.Invalid;
            }, ct, apiAllowed: false).ConfigureAwait(false);
        });
        return verify;
    }
}
