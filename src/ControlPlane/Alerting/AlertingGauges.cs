using System.Globalization;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Pki;
using CcTsa.ControlPlane.Audit;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using Prometheus;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// The gauges deploy/prometheus/alerts.yml reads beyond <see cref="FleetMetrics"/>: how many nodes
/// can sign against the fleet size (node loss), when each current TSA certificate expires, and how
/// long the audit log has gone unanchored. Fed from the live read model (attached before it folds
/// the log, so a restart shows the same values) and the roster. Public facts only.
/// </summary>
public sealed class AlertingGauges
{
    private static readonly Gauge Signing = Metrics.CreateGauge("cctsa_nodes_signing", "Nodes holding the current epoch's share that can sign now.");
    private static readonly Gauge Online = Metrics.CreateGauge("cctsa_nodes_online", "Nodes heard from within the heartbeat timeout.");
    private static readonly Gauge FleetSize = Metrics.CreateGauge("cctsa_fleet_size", "Nodes the fleet should have (n of the t-of-n key).");
    private static readonly Gauge Threshold = Metrics.CreateGauge("cctsa_signing_threshold", "Nodes needed to sign (t of the t-of-n key).");
    private static readonly Gauge CertificateNotAfter = Metrics.CreateGauge("cctsa_certificate_not_after_timestamp_seconds",
        "notAfter (Unix seconds) of each unrevoked TSA certificate of the current key epoch.",
        new GaugeConfiguration { LabelNames = ["scheme", "epoch"] });
    private static readonly Gauge LastAnchor = Metrics.CreateGauge("cctsa_audit_anchor_last_timestamp_seconds",
        "Store time (Unix seconds) of the last AuditAnchored event; absent before the first anchor.",
        new GaugeConfiguration { SuppressInitialValue = true });
    private static readonly Gauge SinceAnchor = Metrics.CreateGauge("cctsa_audit_events_since_anchor", "Events appended after the last AuditAnchored event (all events before the first anchor).");
    private static readonly Gauge AnchorInterval = Metrics.CreateGauge("cctsa_audit_anchor_interval_seconds", "Configured audit anchoring interval (0: anchoring off).");

    private readonly Lock _gate = new();
    private readonly HashSet<(string Scheme, string Epoch)> _certificateLabels = [];

    public AlertingGauges(LiveProjections live, FleetState fleet, FleetOptions options, AuditAnchorOptions anchor)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(anchor);
        FleetSize.Set(options.FleetSize);
        Threshold.Set(options.Threshold);
        AnchorInterval.Set(Math.Max(0, anchor.Interval.TotalSeconds));
        live.Changed += OnLogChanged;
        fleet.Changed += () => OnRosterChanged(fleet);
    }

    private static void OnRosterChanged(FleetState fleet)
    {
        var roster = fleet.Roster;
        var epoch = fleet.Epochs.Current;
        Signing.Set(epoch == 0 ? 0 : roster.Signers(epoch).Count);
        Online.Set(roster.All.Count(v => v.Online));
    }

    // raised under the read model's lock, once per event in order
    private void OnLogChanged(ProjectionSet after, EventEnvelope envelope)
    {
        if (envelope.Data is AuditAnchored)
        {
            LastAnchor.Set(envelope.Timestamp.ToUnixTimeMilliseconds() / 1000.0);
            SinceAnchor.Set(0);
        }
        else
        {
            SinceAnchor.Inc();
        }
        if (envelope.Data is not (CertificateIssued or CertificateRevoked or KeyEpochActivated)) return;
        var epoch = after.Epochs.Current;
        var current = after.Certificates.ForEpoch(epoch).Where(c => !c.Revoked)
            .ToDictionary(c => (Scheme: c.Scheme, Epoch: epoch.ToString(CultureInfo.InvariantCulture)), c => c.NotAfter);
        lock (_gate)
        {
            foreach (var gone in _certificateLabels.Where(l => !current.ContainsKey(l)).ToList())
            {
                CertificateNotAfter.RemoveLabelled(gone.Scheme, gone.Epoch);
                _certificateLabels.Remove(gone);
            }
            foreach (var (labels, notAfter) in current)
            {
                CertificateNotAfter.WithLabels(labels.Scheme, labels.Epoch).Set(notAfter.ToUnixTimeSeconds());
                _certificateLabels.Add(labels);
            }
        }
    }
}
