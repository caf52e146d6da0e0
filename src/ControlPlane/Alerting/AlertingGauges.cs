using System.Globalization;
using CcTsa.Contracts.Events;
using CcTsa.Contracts.Events.Ceremonies;
using CcTsa.Contracts.Events.Issuance;
using CcTsa.Contracts.Events.Pki;
using CcTsa.ControlPlane.TransparencyLog;
using CcTsa.ControlPlane.Fleet;
using CcTsa.ControlPlane.Projections;
using Prometheus;

namespace CcTsa.ControlPlane.Alerting;

/// <summary>
/// The gauges deploy/prometheus/alerts.yml reads beyond <see cref="FleetMetrics"/>: how many nodes
/// can sign against the fleet size (node loss), when each current TSA certificate expires, and how
/// long the log has gone without a signed tree head (an AuditAnchored of an older log counts as one:
/// it was the signed checkpoint before tree heads superseded it). Fed from the live read model (attached before it folds
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
    private static readonly Gauge LastHead = Metrics.CreateGauge("cctsa_log_head_last_timestamp_seconds",
        "Store time (Unix seconds) of the last LogHeadSigned event (or AuditAnchored, in an older log); absent before the first.",
        new GaugeConfiguration { SuppressInitialValue = true });
    private static readonly Gauge SinceHead = Metrics.CreateGauge("cctsa_log_events_since_head", "Events appended after the last signed tree head (all events before the first).");
    private static readonly Gauge HeadInterval = Metrics.CreateGauge("cctsa_log_head_interval_seconds", "Configured tree-head signing interval (0: only at a graceful stop).");

    private readonly Lock _gate = new();
    private readonly HashSet<(string Scheme, string Epoch)> _certificateLabels = [];

    public AlertingGauges(LiveProjections live, FleetState fleet, FleetOptions options, LogHeadOptions head)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(head);
        FleetSize.Set(options.FleetSize);
        Threshold.Set(options.Threshold);
        HeadInterval.Set(Math.Max(0, head.Interval.TotalSeconds));
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
        if (envelope.Data is LogHeadSigned or AuditAnchored)
        {
            LastHead.Set(envelope.Timestamp.ToUnixTimeMilliseconds() / 1000.0);
            SinceHead.Set(0);
        }
        else
        {
            SinceHead.Inc();
        }
        if (envelope.Data is not (CertificateIssued or CertificateRevoked or KeyEpochActivated)) return;
        var epoch = after.Epochs.Current;
        // one label per scheme: a certificate a re-key replaced (ML-DSA-65 after a refresh) is no longer the scheme's
        var current = after.Certificates.ForEpoch(epoch).Where(c => !c.Revoked && !c.Replaced)
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
