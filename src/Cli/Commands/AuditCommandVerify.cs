using System.CommandLine;
using System.Globalization;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.TransparencyLog;

namespace CcTsa.Cli.Commands;

/// <summary>
/// `cctsa audit verify [--expect SEQ:HASH]... [--anchors FILE]`: re-walks the chain, checks every
/// signed tree head (its root recomputed from the events, its token's signature under the TSA
/// certificate of its epoch from `DATA/pki` and its imprint over the head message) and every
/// AuditAnchored of an older log the same way as before, every head recorded outside the log
/// (`--anchors`, default `DATA/anchors.jsonl` when present; `--expect`), and the stored Merkle tree
/// against the events (<see cref="LogTreeVerifier"/>). Lists the signed heads (the last
/// <see cref="HeadsListed"/>). A broken, rewritten or truncated log exits Invalid and names the sequence.
/// </summary>
internal static class AuditCommandVerify
{
    /// <summary>Signed heads listed one per line (a head every 10 s makes thousands a day; the count covers all).</summary>
    public const int HeadsListed = 20;

    public static Command Create(AuditCommand.StoreOptions store)
    {
        var expect = new Option<string[]>("--expect") { Description = "A head the log must contain, SEQ:HASH (e.g. from GET /api/audit/head); repeatable", AllowMultipleArgumentsPerToken = false };
        var anchors = new Option<string?>("--anchors") { Description = "anchors.jsonl to check against (default: DATA/anchors.jsonl when present)" };
        var verify = new Command("verify", "Re-walk the hash chain, check signed tree heads, old anchors and expected heads, report the first bad sequence") { expect, anchors };
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
                var heads = v.SignedHeads;
                var noCertificates = tokens is null ? " (no certificates in " + data + "/pki: signatures not checked)" : "";
                var anchorsText = string.Create(CultureInfo.InvariantCulture,
                    $"{heads.Count} signed heads match the log, {heads.Count(h => h.TokenVerified)} head tokens verified{noCertificates}; {v.AnchorsChecked} old anchors match the chain, {v.TokensVerified} anchor tokens verified, {v.AnchorsWithoutToken} anchors without token; {v.ExpectedMatched} external heads matched");
                if (!v.Ok)
                {
                    await output.WriteLineAsync($"TAMPERED: first bad sequence {v.FirstBad} ({v.Reason}); {v.Events} events walked").ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }
                if (log is ILogTree tree && await LogTreeVerifier.VerifyAsync(log, tree, token).ConfigureAwait(false) is { Ok: false } t)
                {
                    await output.WriteLineAsync($"TAMPERED: transparency log tree: {t.Problem}").ConfigureAwait(false);
                    return ExitCodes.Invalid;
                }
                if (heads.Count > HeadsListed)
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"... {heads.Count - HeadsListed} earlier signed heads verified")).ConfigureAwait(false);
                foreach (var h in heads.Skip(Math.Max(0, heads.Count - HeadsListed)))
                    await output.WriteLineAsync(HeadLine(h)).ConfigureAwait(false);
                await output.WriteLineAsync($"OK: {v.Events} events, chain intact, Merkle tree matches the events and every signed head; {anchorsText}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }, ct, apiAllowed: false).ConfigureAwait(false);
        });
        return verify;
    }

    private static string HeadLine(CheckedHead h)
    {
        var root = h.RootFrom switch
        {
            HeadRootSource.Events => "recomputed from the events",
            HeadRootSource.StoredTree => "matches the stored tree",
            _ => "not compared",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"head at sequence {h.Sequence}: tree size {h.TreeSize}, root {h.RootHashHex}, {h.Timestamp.UtcDateTime:O}, token {(h.TokenVerified ? "verified" : "not checked")}, root {root}");
    }
}
