using CcTsa.Contracts.Events.Cluster;
using Prometheus;

namespace CcTsa.ControlPlane.Fleet;

/// <summary>
/// Prometheus instruments of the fleet: cluster state gauge, ceremony durations, signing latency,
/// tokens issued, per-node clock status, dropped node messages and the signers' own drop and
/// refusal counters. Labels are node ids, kinds, outcomes and fixed reason tokens only.
/// </summary>
public sealed class FleetMetrics
{
    private static readonly Gauge State = Metrics.CreateGauge("cctsa_cluster_state", "Cluster health state: 0 Healthy, 1 Degraded, 2 Critical, 3 Unavailable, 4 Recovering.");
    private static readonly Histogram Ceremonies = Metrics.CreateHistogram("cctsa_ceremony_duration_seconds", "Duration of completed key ceremonies.",
        new HistogramConfiguration { LabelNames = ["kind"], Buckets = Histogram.ExponentialBuckets(0.01, 2, 14) });
    private static readonly Histogram Signing = Metrics.CreateHistogram("cctsa_signing_latency_seconds", "Latency of one signing batch round trip to a coordinator.",
        new HistogramConfiguration { LabelNames = ["outcome"], Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
    private static readonly Counter Tokens = Metrics.CreateCounter("cctsa_tokens_issued_total", "Time-stamp tokens granted by the signers.");
    private static readonly Gauge ClockOffset = Metrics.CreateGauge("cctsa_node_clock_offset_microseconds", "Last reported clock offset from the peer median per node.",
        new GaugeConfiguration { LabelNames = ["node"] });
    private static readonly Gauge ClockHealthy = Metrics.CreateGauge("cctsa_node_clock_healthy", "1 when the node's clock is within tolerance.",
        new GaugeConfiguration { LabelNames = ["node"] });

    private static readonly Counter NodeMessagesDropped = Metrics.CreateCounter("cctsa_node_messages_dropped_total",
        "Node-signed messages the control plane ignored: unsigned, forged, for an unattested node, or replayed.",
        new CounterConfiguration { LabelNames = ["kind", "reason"] });
    private static readonly Counter SignerDropped = Metrics.CreateCounter("cctsa_signer_messages_dropped_total",
        "Protocol messages a signer dropped as not provably from their claimed sender, as its signed heartbeats report them.",
        new CounterConfiguration { LabelNames = ["node", "reason"] });
    private static readonly Counter SignerRefusals = Metrics.CreateCounter("cctsa_signer_refusals_total",
        "Signing and commitment requests a signer refused (genTime, certificate, quota, ...), as its signed heartbeats report them.",
        new CounterConfiguration { LabelNames = ["node", "reason"] });

    public void NodeMessageDropped(string kind, string reason) => NodeMessagesDropped.WithLabels(kind, reason).Inc();

    /// <summary>Adds what a signer's counter grew by since its last proven heartbeat (see <see cref="SignerCounters"/>).</summary>
    public void SignerMessagesDropped(string node, string reason, long added) => SignerDropped.WithLabels(node, reason).Inc(added);

    /// <summary>Adds what a signer's refusal counter grew by since its last proven heartbeat.</summary>
    public void SignerRefused(string node, string reason, long added) => SignerRefusals.WithLabels(node, reason).Inc(added);

    public void ClusterState(ClusterState state) => State.Set((int)state);

    public void CeremonyFinished(string kind, TimeSpan duration) => Ceremonies.WithLabels(kind).Observe(duration.TotalSeconds);

    /// <summary>The last 15 minutes of issuance, per second, for the dashboard's plots.</summary>
    public Dashboard.IssuanceSeries Series { get; } = new();

    public void SigningRound(string outcome, TimeSpan duration)
    {
        Signing.WithLabels(outcome).Observe(duration.TotalSeconds);
        // the plot shows rounds that signed ("hedged" marks the start of a hedge, not an answer)
        if (outcome == "signed") Series.Latency(duration);
    }

    public void TokensIssued(int count)
    {
        Tokens.Inc(count);
        Series.Tokens(count);
    }

    public void Clock(string node, bool healthy, double offsetMicros)
    {
        ClockHealthy.WithLabels(node).Set(healthy ? 1 : 0);
        ClockOffset.WithLabels(node).Set(offsetMicros);
    }
}
