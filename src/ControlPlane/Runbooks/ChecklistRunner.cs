using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CcTsa.ControlPlane.EventStore;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>
/// The I/O half of the post-recovery checklist: measures each item (a real test token through the
/// TSA front, verified like `cctsa verify` does; earlier checklists' test tokens re-verified
/// against the CA and CRL), records every item as its own RunbookStepCompleted, and reports
/// whether all passed. Test tokens are public data and are kept in the step detail for that reason.
/// </summary>
public sealed class ChecklistRunner(FleetState state, TimestampFront front, CertificateService certificates, IEventLog log, FleetOptions options, TimeProvider time)
{
    private const string TestItem = "test-token-verified";
    private const string TokenMark = " token=";
    private const string DataMark = " data=";

    public async Task<(bool Ok, string Detail)> RunAsync(IncidentEntry incident, string stepName, int epoch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var roster = state.Roster;
        var caDer = certificates.CaPem() is { } pem && Pem.TryDecode(pem, Pem.Certificate, out var der) ? der : null;
        var crl = certificates.CrlDer();

        var data = $"cctsa post-recovery checklist {incident.Id} epoch {epoch.ToString(CultureInfo.InvariantCulture)}";
        var (tokenOk, tokenDetail, tokenB64) = await TestTokenAsync(data, caDer, crl, ct).ConfigureAwait(false);
        var (checkedOld, verifiedOld) = await OldTokensAsync(caDer, crl, ct).ConfigureAwait(false);

        var facts = new ChecklistFacts(
            options.FleetSize,
            roster.ShareHolders(epoch),
            state.Certificates.Installed(epoch) || certificates.ForEpoch(epoch) is not null,
            tokenOk,
            roster.Signers(epoch).Count,
            checkedOld,
            verifiedOld);
        var items = PostRecoveryChecklist.Evaluate(facts);
        var now = time.GetUtcNow();
        var events = items.Select(i => (object)new RunbookStepCompleted(incident.Id, stepName + ":" + i.Name, i.Passed,
            i.Name == TestItem ? tokenDetail + (tokenOk ? DataMark + Convert.ToBase64String(Encoding.UTF8.GetBytes(data)) + TokenMark + tokenB64 : "") : i.Detail, now)).ToList();
        await state.RecordAsync(events, ct).ConfigureAwait(false);
        var failed = items.Where(i => !i.Passed).Select(i => i.Name).ToList();
        return failed.Count == 0 ? (true, "all checklist items passed") : (false, "failed: " + string.Join(", ", failed));
    }

    private async Task<(bool, string, string)> TestTokenAsync(string data, byte[]? caDer, byte[]? crl, CancellationToken ct)
    {
        if (caDer is null) return (false, "no CA certificate to verify against", "");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(data));
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, hash, null, nonce, certReq: true);
        var reply = await front.HandleAsync(Guid.NewGuid(), request, ct).ConfigureAwait(false);
        if (!reply.TryGet(out var token, out var refusal))
            return (false, "test token refused: " + refusal.Rejection.StatusText, "");
        var verdict = TokenVerifier.Verify(token.ResponseDer, Encoding.UTF8.GetBytes(data), new TokenVerificationOptions(caDer, crl));
        return verdict.IsValid
            ? (true, $"serial {token.Serial} verified", Convert.ToBase64String(token.ResponseDer))
            : (false, "test token does not verify: " + verdict.Reason, "");
    }

    /// <summary>The epoch in a checklist step name ("checklist@2:…" or "checklist@2+refresh:…").</summary>
    private static int? EpochOf(string step)
    {
        var at = step.IndexOf('@', StringComparison.Ordinal);
        if (at < 0) return null;
        var end = at + 1;
        while (end < step.Length && char.IsAsciiDigit(step[end])) end++;
        return int.TryParse(step.AsSpan(at + 1, end - at - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
    }

    private async Task<(int Checked, int Verified)> OldTokensAsync(byte[]? caDer, byte[]? crl, CancellationToken ct)
    {
        var filter = new EventFilter(Type: EventCodec.AliasOf(typeof(RunbookStepCompleted)));
        int seen = 0, ok = 0;
        long cursor = 0;
        while (true)
        {
            var page = await log.ReadAsync(cursor, 1000, filter, ct).ConfigureAwait(false);
            if (page.Count == 0) break;
            cursor = page[^1].Sequence;
            foreach (var e in page)
            {
                if (e.Data is not RunbookStepCompleted { Succeeded: true } s || !s.Step.EndsWith(":" + TestItem, StringComparison.Ordinal)) continue;
                // tokens of an epoch revoked for compromise are expected to fail; ListTokens reported them
                if (EpochOf(s.Step) is { } epoch && state.Certificates.Revoked(epoch)) continue;
                var t = s.Detail.IndexOf(TokenMark, StringComparison.Ordinal);
                var d = s.Detail.IndexOf(DataMark, StringComparison.Ordinal);
                if (t < 0 || d < 0 || d > t) continue;
                seen++;
                if (caDer is null) continue;
                var data = Convert.FromBase64String(s.Detail[(d + DataMark.Length)..t]);
                var token = Convert.FromBase64String(s.Detail[(t + TokenMark.Length)..]);
                if (TokenVerifier.Verify(token, data, new TokenVerificationOptions(caDer, crl)).IsValid) ok++;
            }
        }
        return (seen, ok);
    }
}
