using System.Globalization;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Pki;
using CcTsa.ControlPlane.Projections;
using CcTsa.ControlPlane.Runbooks.Decisions;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Ids;
using CcTsa.Crypto.Pki;
using CcTsa.Crypto.Rfc3161;

namespace CcTsa.ControlPlane.Runbooks;

/// <summary>
/// Carries out one runbook step (the I/O half of the runbooks): ceremonies through the
/// <see cref="CeremonyRunner"/>, certificates through the distributor and CertificateService,
/// token listings from the log, the checklist through <see cref="ChecklistRunner"/>. Returns the
/// outcome the engine records as RunbookStepCompleted.
/// </summary>
public sealed class RunbookActions(
    FleetState state,
    CeremonyRunner ceremonies,
    CertificateDistributor distributor,
    CertificateService certificates,
    ChecklistRunner checklist,
    ClusterStateTracker health) : IRunbookActions
{
    public async Task<(bool Ok, string Detail)> RunAsync(IncidentEntry incident, RunbookStep step, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(step);
        switch (step.Action)
        {
            case RunbookAction.HaltSigning:
                return (true, state.Certificates.Revoked(step.Epoch)
                    ? $"signing with epoch {step.Epoch} halted: its certificate is revoked"
                    : $"signing halted: {state.Roster.ShareHolders(step.Epoch)} holders of epoch {step.Epoch} reachable, below threshold");
            case RunbookAction.Redistribute:
            {
                var o = await ceremonies.RunAsync(CeremonyKind.Redistribution, step.Epoch, step.Nodes, step.Target, incident.Kind + " " + incident.Id, ct).ConfigureAwait(false);
                return (o.Ok, o.Ok ? $"{step.Target} received a share of epoch {step.Epoch} from {string.Join(",", step.Nodes)}; public key unchanged" : o.Reason);
            }
            case RunbookAction.RunDkg:
            {
                var previous = state.Epochs.Current;
                var o = await ceremonies.RunAsync(CeremonyKind.Dkg, step.Epoch, step.Nodes, null, incident.Kind + " " + incident.Id, ct).ConfigureAwait(false);
                if (o.Ok && previous > 0)
                    await ceremonies.DiscardAsync(previous, "superseded by epoch " + step.Epoch.ToString(CultureInfo.InvariantCulture), ct).ConfigureAwait(false);
                return (o.Ok, o.Ok ? $"epoch {step.Epoch} group key {o.GroupPublicKeyHex}" : o.Reason);
            }
            case RunbookAction.IssueCertificate:
            {
                if (state.Epochs.Current == 0) return (false, "no group key for the current epoch");
                var provisioned = await distributor.ProvisionAsync(step.Epoch, state.Epochs.CurrentPublicKeyHex, ct).ConfigureAwait(false);
                await health.RefreshAsync(ct).ConfigureAwait(false);
                // below quorum (or a CA that refuses) is a failed attempt on the record, retried later
                if (!provisioned.TryGet(out var installed, out var failure)) return (false, failure.Detail);
                return (installed, installed ? $"certificate of epoch {step.Epoch} issued and installed on every node" : "waiting for the external CA (cctsa ca import)");
            }
            case RunbookAction.Refresh:
            {
                // the ML-DSA-65 certificate the refresh's re-key replaces: revoked once the new key's is installed
                var replaced = certificates.ForEpoch(step.Epoch, CeremonyRunner.MlDsaScheme);
                var o = await ceremonies.RunAsync(CeremonyKind.Refresh, step.Epoch, step.Nodes, null, incident.Kind + " " + incident.Id, ct).ConfigureAwait(false);
                if (!o.Ok) return (false, o.Reason);
                if (o.NewMlDsaKeyHex is not { } rekeyed) return (true, "shares refreshed; public key unchanged; old shares useless");
                return await RecertifyMlDsaAsync(step.Epoch, rekeyed, replaced, ct).ConfigureAwait(false);
            }
            case RunbookAction.RevokeCertificate:
            {
                var at = CompromiseTime(incident);
                if (certificates.ForEpoch(step.Epoch) is null) return (false, $"no certificate of epoch {step.Epoch} to revoke");
                await certificates.RevokeAsync(new KeyEpoch(step.Epoch), CrlRevocationReason.KeyCompromise, at, ct).ConfigureAwait(false);
                await state.CatchUpAsync(ct).ConfigureAwait(false);
                return (true, $"certificate of epoch {step.Epoch} revoked (keyCompromise, compromised at {at:O})");
            }
            case RunbookAction.ListTokens:
                return (true, await ListTokensAsync(new KeyEpoch(step.Epoch), CompromiseTime(incident), ct).ConfigureAwait(false));
            case RunbookAction.Checklist:
                return await checklist.RunAsync(incident, step.Name, step.Epoch, ct).ConfigureAwait(false);
            case RunbookAction.ReplaceNode:
                // The control plane cannot provision a VM: the recorded step is the operator's instruction.
                return (true, $"replace node {step.Target}: its clock stayed excluded; provision a new VM with the same id (RUNBOOKS §1), the share is redistributed to it");
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step.Action, "unknown runbook action");
        }
    }

    /// <summary>
    /// A refresh re-keyed ML-DSA-65: its new certificate, the replaced one revoked. A failure fails the
    /// step, and the runbook's retry refreshes (re-keys) again before the next attempt at the certificate.
    /// </summary>
    private async Task<(bool Ok, string Detail)> RecertifyMlDsaAsync(int epoch, string rekeyed, TsaCertificate? replaced, CancellationToken ct)
    {
        var recertified = await distributor.RecertifyAsync(epoch, CeremonyRunner.MlDsaScheme, replaced, ct).ConfigureAwait(false);
        await health.RefreshAsync(ct).ConfigureAwait(false);
        var rekey = $"shares refreshed; classical public keys unchanged; threshold ML-DSA-65 re-keyed (new key {rekeyed[..16]}…)";
        if (!recertified.TryGet(out var installed, out var failure)) return (false, $"{rekey}, but its certificate could not be issued: {failure.Detail}");
        // an external CA answers later (cctsa ca import): the step is done, the old certificate is revoked at that CA by hand
        return (true, installed
            ? $"{rekey}; its new certificate is installed and the old ML-DSA-65 certificate revoked (superseded)"
            : $"{rekey}; its CSR waits for the external CA (cctsa ca import), then ask that CA to revoke the old ML-DSA-65 certificate");
    }

    /// <summary>The compromise time reported with the incident (its opening time if none was).</summary>
    public static DateTimeOffset CompromiseTime(IncidentEntry incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.CompromisedAt ?? incident.OpenedAt;
    }

    private async Task<string> ListTokensAsync(KeyEpoch epoch, DateTimeOffset at, CancellationToken ct)
    {
        const int Shown = 20;
        // the read model's per-epoch index, caught up first so tokens another writer issued count too
        await state.CatchUpAsync(ct).ConfigureAwait(false);
        // one snapshot, whose log position the detail names: signing may still record tokens of the
        // epoch while this step runs (it is halted by a later step), so "as of which event" makes the
        // listing checkable against the log by an auditor
        var snapshot = state.Live.Current;
        var tokens = snapshot.Tokens.OfEpoch(epoch);
        var before = tokens.Where(r => r.Token.GenTime < at).Select(r => r.Token.Serial.ToHex()).ToList();
        var after = tokens.Where(r => r.Token.GenTime >= at).Select(r => r.Token.Serial.ToHex()).ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"epoch {epoch.Number}, compromise at {at:O}: {before.Count} tokens before [{string.Join(",", before.Take(Shown))}{(before.Count > Shown ? ",…" : "")}], "
            + $"{after.Count} after [{string.Join(",", after.Take(Shown))}{(after.Count > Shown ? ",…" : "")}] (log up to event #{snapshot.Sequence}; full list: /api/tokens and /api/events?type=token_issued)");
    }
}
