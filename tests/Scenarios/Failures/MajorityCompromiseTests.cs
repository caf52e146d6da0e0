using System.Text.RegularExpressions;
using CcTsa.Crypto.Rfc3161;
using CcTsa.Scenarios.Harness;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;
using Org.BouncyCastle.X509.Extension;
using Xunit.Abstractions;

namespace CcTsa.Scenarios.Failures;

/// <summary>
/// Seed §6, compromise of t or more shares: the epoch's certificate is revoked (CRL reason
/// keyCompromise with the compromise time), a new DKG and certificate follow, tokens of the old
/// epoch are listed before/after the compromise time (runbook step and `cctsa audit`), and with
/// the CRL the RFC 3161 §4 rule keeps the ones before and invalidates the ones after.
/// </summary>
[Collection(FailureMatrix.Name)]
public sealed partial class MajorityCompromiseTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(TsaSetupKind.Embedded)]
    [InlineData(TsaSetupKind.Distributed)]
    public async Task Compromise_at_threshold_revokes_rekeys_and_splits_old_tokens_at_the_compromise_time(TsaSetupKind setup)
    {
        await using var run = await ScenarioRun.StartAsync("key compromise >= t", setup, output);
        var oldEpoch = run.Initial.Epoch;
        // the next whole second (CRL times have second precision): the start-up grants are before it
        var at = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
        await run.ExpectSigningContinuesAsync(at.AddSeconds(1));
        var mark = await run.Api.HeadAsync();

        run.FaultInjected();
        await run.Api.ReportCompromiseAsync(["n1", "n2", "n3"], at);
        var revoked = await run.WaitEventAsync("certificate_revoked", mark, e => e.EpochField() == oldEpoch, $"the epoch {oldEpoch} certificate revoked");
        run.Phase("revoked");
        Assert.Contains("keyCompromise", revoked.Text("reason") ?? "", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(at, revoked.TimeField("compromisedAt"));
        // the epoch has one certificate per scheme key (ecdsa-p384, ed25519, ml-dsa-65): the compromise revokes all
        var oldCerts = (await run.Api.EventsAsync("certificate_issued")).Where(e => e.EpochField() == oldEpoch).ToList();
        Assert.Equal(["ecdsa-p384", "frost-ed25519", "ml-dsa-65"], oldCerts.Select(c => c.Text("scheme")).Order(StringComparer.Ordinal));
        foreach (var oldCert in oldCerts) await ExpectCrlEntryAsync(run, oldCert.Text("serialHex")!, at);

        var rekeyed = await Rekey.ExpectNewEpochAsync(run, mark);
        run.Recovered();
        await run.ExpectSigningResumesAsync();
        await Rekey.ExpectNewPostQuantumKeyAsync(run, mark, rekeyed);

        var old = run.Load.Tokens.Where(t => t.Epoch == oldEpoch).ToList();
        var before = old.Where(t => t.GenTime < at).ToList();
        var after = old.Where(t => t.GenTime >= at).ToList();
        Assert.NotEmpty(before);
        Assert.NotEmpty(after);
        foreach (var (token, verdict) in await Rekey.ReverifyAsync(run, old))
        {
            if (token.GenTime < at) Assert.True(verdict.IsValid, $"token {token.SerialHex} from before the compromise must stay valid: {verdict.Reason}");
            else Assert.Equal(VerificationFailure.Revoked, verdict.Failure);
        }

        // the runbook lists what the log holds at the event it names: signing goes on until the later
        // halt step, so tokens recorded while the listing ran are after that event, not in it
        var steps = (await run.Api.IncidentsAsync()).EnumerateArray()
            .Where(i => i.GetProperty("kind").GetString() == "compromise")
            .SelectMany(i => i.GetProperty("steps").EnumerateArray()).ToList();
        var listing = steps.Single(s => s.GetProperty("step").GetString()!.StartsWith("list-tokens", StringComparison.Ordinal)).GetProperty("detail").GetString()!;
        var asOf = long.Parse(ListingPosition().Match(listing).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var logged = (await run.Api.EventsAsync("token_issued")).Where(e => e.EpochField() == oldEpoch && e.Sequence <= asOf).ToList();
        var loggedBefore = logged.Count(e => e.TimeField("genTime") < at);
        Assert.Contains($"{loggedBefore} tokens before", listing, StringComparison.Ordinal);
        Assert.Contains($"{logged.Count - loggedBefore} after", listing, StringComparison.Ordinal);

        // --from/--to bound the store time, which follows genTime: a token stamped just before the
        // compromise can be stored just after it (seen under load), so the listing up to a few
        // seconds later holds every token stamped before; every token stamped after is stored after
        var listedBefore = await AuditListingAsync(run, "--to", at.AddSeconds(5));
        var listedAfter = await AuditListingAsync(run, "--from", at);
        Assert.All(before, t => Assert.Contains(t.SerialHex, listedBefore, StringComparison.OrdinalIgnoreCase));
        Assert.All(after, t => Assert.Contains(t.SerialHex, listedAfter, StringComparison.OrdinalIgnoreCase));
        await run.FinishAsync();
    }

    /// <summary>The CRL names the old certificate with reason keyCompromise and the compromise time (invalidity date or revocation date).</summary>
    private static async Task ExpectCrlEntryAsync(ScenarioRun run, string serialHex, DateTimeOffset at)
    {
        var crl = new X509CrlParser().ReadCrl(await run.Api.CrlAsync());
        var entry = crl.GetRevokedCertificate(new Org.BouncyCastle.Math.BigInteger(serialHex, 16));
        Assert.True(entry is not null, $"the CRL lists certificate {serialHex}");
        var reason = DerEnumerated.GetInstance(X509ExtensionUtilities.FromExtensionValue(entry.GetExtensionValue(X509Extensions.ReasonCode)));
        Assert.Equal(CrlReason.KeyCompromise, reason.IntValueExact);
        var invalidity = entry.GetExtensionValue(X509Extensions.InvalidityDate) is { } v
            ? Asn1GeneralizedTime.GetInstance(X509ExtensionUtilities.FromExtensionValue(v)).ToDateTime()
            : (DateTime?)null;
        Assert.True(invalidity == at.UtcDateTime || entry.RevocationDate == at.UtcDateTime,
            $"the CRL entry carries the compromise time {at:O}: invalidityDate={invalidity:O} revocationDate={entry.RevocationDate:O}");
    }

    /// <summary>`cctsa audit query --type token_issued --to|--from AT`, every page.</summary>
    private static async Task<string> AuditListingAsync(ScenarioRun run, string bound, DateTimeOffset at)
    {
        var text = new System.Text.StringBuilder();
        long after = 0;
        while (true)
        {
            var (exit, listing) = await run.Cluster.RunCliAsync("audit", "query", "--type", "token_issued", bound, at.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                "--limit", "1000", "--after", after.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(exit == 0, $"cctsa audit query exited {exit}: {listing}");
            text.Append(listing);
            if (More().Match(listing) is not { Success: true } m) return text.ToString();
            after = long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [GeneratedRegex(@"more: --after (\d+)")]
    private static partial Regex More();

    [GeneratedRegex(@"log up to event #(\d+)")]
    private static partial Regex ListingPosition();
}
