using System.Globalization;
using CcTsa.Contracts.Events.Access;
using CcTsa.Contracts.Events.Alerting;
using CcTsa.Contracts.Events.Cluster;
using CcTsa.Contracts.Events.Incidents;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Pki;

namespace CcTsa.ControlPlane.Audit;

/// <summary>
/// The one-line detail `cctsa audit query` prints beside an event: what an auditor looks for first
/// (token serial, epoch and genTime; certificate serials; state moves). Public facts only.
/// </summary>
public static class EventSummary
{
    public static string Of(object data) => data switch
    {
        TokenIssued t => string.Create(CultureInfo.InvariantCulture, $"serial {t.Serial.ToHex()} epoch {t.Epoch.Number} genTime {t.GenTime.UtcDateTime:O}"),
        AuditAnchored a => string.Create(CultureInfo.InvariantCulture, $"anchored seq {a.AnchoredSequence} by serial {a.TokenSerial.ToHex()}"),
        LogHeadSigned h => string.Create(CultureInfo.InvariantCulture, $"tree head size {h.TreeSize} root {h.RootHashHex[..16]}… by serial {h.TokenSerial.ToHex()}"),
        CertificateIssued c => string.Create(CultureInfo.InvariantCulture, $"epoch {c.Epoch.Number} certificate {c.SerialHex}"),
        CertificateRevoked r => string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch.Number} certificate {r.SerialHex} revoked ({r.Reason})"),
        ClusterStateChanged s => string.Create(CultureInfo.InvariantCulture, $"{s.From} -> {s.To} ({s.AlertLevel})"),
        IncidentOpened i => i.Kind,
        ApiAccessRefused a => string.Create(CultureInfo.InvariantCulture, $"{a.Status} {a.Method} {a.Path} from {a.Source} ({a.Reason}, {a.Refusals}x)"),
        AlertDelivered d => string.Create(CultureInfo.InvariantCulture, $"{d.Key} to {d.Target} ({d.Status}, attempt {d.Attempts})"),
        AlertDeliveryFailed f => string.Create(CultureInfo.InvariantCulture, $"{f.Key} to {f.Target} attempt {f.Attempt}{(f.GaveUp ? ", gave up" : "")}: {f.Reason}"),
        _ => "",
    };
}
