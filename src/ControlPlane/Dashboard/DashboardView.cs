namespace CcTsa.ControlPlane.Dashboard;

/// <summary>
/// What the dashboard draws (GET /api/dashboard, and the "dashboard" events of /api/stream): the
/// cluster as /api/cluster shows it plus what the page needs beside it — the alert level, each
/// node's clock offset and uncertainty, the tolerance band, the certificates, and issuance figures.
/// Public facts only, like /api/cluster and /metrics.
/// </summary>
public sealed record DashboardView(
    string State,
    string AlertLevel,
    int Epoch,
    string? PublicKey,
    IReadOnlyDictionary<string, string> PublicKeys,
    IReadOnlyList<DashboardNode> Nodes,
    double ClockToleranceMicros,
    IReadOnlyList<DashboardCertificate> Certificates,
    DateTimeOffset At)
{
    /// <summary>Issuance per second: the last 15 minutes in GET /api/dashboard, the last few seconds in the stream's frames.</summary>
    public IReadOnlyList<SeriesPoint>? Series { get; init; }

    /// <summary>Every audit event type (snake_case, as /api/events?type= takes them); with a series only (the filter's suggestions).</summary>
    public IReadOnlyList<string>? EventTypes { get; init; }
}

/// <summary>
/// One node as the dashboard shows it; the offset is to the peer median, in µs. EcdsaPairedPeers:
/// the peers it reports a finished pairwise threshold-ECDSA setup with (null: it holds no ECDSA share).
/// </summary>
public sealed record DashboardNode(
    string Id, string Provider, bool Online, bool Attested, bool HoldsShare, bool ClockHealthy, bool Excluded,
    double? ClockOffsetMicros, double? ClockUncertaintyMicros)
{
    public IReadOnlyList<string>? EcdsaPairedPeers { get; init; }
}

/// <summary>A certificate of the current epoch: serial (hex) and validity.</summary>
public sealed record DashboardCertificate(int Epoch, string Scheme, string Serial, DateTimeOffset NotAfter, bool Revoked);
