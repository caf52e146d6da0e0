using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.ControlPlane.Tsa;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>
/// The I/O half of the post-recovery checklist: measures each item (a real test token through the
/// TSA front, verified like `cctsa verify` does; earlier checklists' test tokens re-verified
/// against the CA and CRL), records every item as its own RunbookStepCompleted, and reports
/// whether all passed. Test tokens are public data: each is kept as a ChecklistTokenRecorded event so
/// later checklists can check that earlier epochs' tokens still verify.
/// </summary>
public sealed class ChecklistRunner(FleetState state, TimestampFront front, CertificateService certificates, FleetOptions options, TimeProvider time)
{
    private const string TestItem = ChecklistToken.TestItem;

    public async Task<(bool Ok, string Detail)> RunAsync(IncidentEntry incident, string stepName, int epoch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var roster = state.Roster;
        var caDer = certificates.CaPem() is { } pem && Pem.TryDecode(pem, Pem.Certificate, out var der) ? der : null;
        var crl = certificates.CrlDer();

        var data = $"cctsa post-recovery checklist {incident.Id} epoch {epoch.ToString(CultureInfo.InvariantCulture)}";
        var (tokenOk, tokenDetail, token) = await TestTokenAsync(data, caDer, crl, ct).ConfigureAwait(false);
        var (checkedOld, verifiedOld) = OldTokens(caDer, crl);

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
            i.Name == TestItem ? tokenDetail : i.Detail, now)).ToList();
        // the test token itself is a typed fact of its own, read back by later checklists
        if (tokenOk) events.Add(new ChecklistTokenRecorded(incident.Id, new KeyEpoch(epoch), Encoding.UTF8.GetBytes(data), token, now));
        await state.RecordAsync(events, ct).ConfigureAwait(false);
        var failed = items.Where(i => !i.Passed).Select(i => i.Name).ToList();
        return failed.Count == 0 ? (true, "all checklist items passed") : (false, "failed: " + string.Join(", ", failed));
    }

    private async Task<(bool, string, byte[])> TestTokenAsync(string data, byte[]? caDer, byte[]? crl, CancellationToken ct)
    {
        if (caDer is null) return (false, "no CA certificate to verify against", []);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(data));
        var nonce = new BigInteger(RandomNumberGenerator.GetBytes(8), isUnsigned: true);
        var request = TimeStampRequestEncoder.Encode(ImprintAlgorithm.Sha256, hash, null, nonce, certReq: true);
        var reply = await front.HandleAsync(Guid.NewGuid(), request, ct).ConfigureAwait(false);
        if (!reply.TryGet(out var token, out var refusal))
            return (false, "test token refused: " + refusal.Rejection.StatusText, []);
        var verdict = TokenVerifier.Verify(token.ResponseDer, Encoding.UTF8.GetBytes(data), new TokenVerificationOptions(caDer, crl));
        return verdict.IsValid
            ? (true, $"serial {token.Serial} verified", token.ResponseDer)
            : (false, "test token does not verify: " + verdict.Reason, []);
    }

    /// <summary>Earlier checklists' test tokens (from the read model) and how many still verify.</summary>
    private (int Checked, int Verified) OldTokens(byte[]? caDer, byte[]? crl)
    {
        int seen = 0, ok = 0;
        foreach (var token in state.Live.Current.Incidents.TestTokens)
        {
            // tokens of an epoch revoked for compromise are expected to fail; ListTokens reported them
            if (state.Certificates.Revoked(token.Epoch.Number)) continue;
            seen++;
            if (caDer is null) continue;
            if (TokenVerifier.Verify(token.Token.ToArray(), token.Data.ToArray(), new TokenVerificationOptions(caDer, crl)).IsValid) ok++;
        }
        return (seen, ok);
    }
}
