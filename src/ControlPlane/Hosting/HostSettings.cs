namespace CcTsa.ControlPlane.Hosting;

/// <summary>
/// What differs between `cctsa up` and `cctsa serve`: where events go (SQLite under DataDirectory,
/// or PostgreSQL), which bus (in-memory or RabbitMQ), whether the five signers run in-process, and
/// whether the dev faults API is mapped.
/// </summary>
public sealed record HostSettings
{
    public int Port { get; init; } = 8318;

    /// <summary>Bind address; loopback by default (the dev CA and faults API are not for the network).</summary>
    public string ListenAddress { get; init; } = "127.0.0.1";

    public string DataDirectory { get; init; } = "./data";

    /// <summary>PostgreSQL connection string; null = SQLite file under <see cref="DataDirectory"/>.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>RabbitMQ URI; null = MassTransit in-memory bus.</summary>
    public Uri? AmqpUri { get; init; }

    /// <summary>Host the five signers n1..n5 in this process (embedded mode).</summary>
    public bool Embedded { get; init; }

    /// <summary>Map /api/faults (never by default).</summary>
    public bool Faults { get; init; }

    /// <summary>How often the transparency log's tree head is signed when the log grew (LogHeadSigned; it superseded the periodic AuditAnchored, which is no longer written).</summary>
    public TransparencyLog.LogHeadOptions LogHead { get; init; } = TransparencyLog.LogHeadOptions.Default;

    /// <summary>
    /// The operator and auditor tokens of the API; null = DataDirectory/operator-token and
    /// DataDirectory/auditor-token, created (0600) when absent.
    /// </summary>
    public Api.Access.ApiCredentials? Credentials { get; init; }

    /// <summary>
    /// The TSA policy of requests without reqPolicy and of <c>publicKey</c> in /api/cluster
    /// (<c>--default-policy NAME|OID</c>). FROST-Ed25519 until the threshold ECDSA key is made by
    /// every ceremony; switching is this one setting.
    /// </summary>
    public CcTsa.Crypto.Pki.TsaPolicy DefaultPolicy { get; init; } = CcTsa.Crypto.Pki.TsaPolicies.Default;

    /// <summary>Receivers of alert-level transitions and incident openings/closings (<c>--alert-webhook</c>); none = nobody is called.</summary>
    public IReadOnlyList<Alerting.WebhookTarget> AlertWebhooks { get; init; } = [];

    /// <summary>Retries and backoff of each alert delivery.</summary>
    public Alerting.AlertDeliveryOptions AlertDelivery { get; init; } = Alerting.AlertDeliveryOptions.Default;

    /// <summary>
    /// This control plane among several on one PostgreSQL and RabbitMQ (<c>--instance-id</c>): names its
    /// fan-out queues and is shown by /healthz. A fresh random one per start when not given.
    /// </summary>
    public string InstanceId { get; init; } = InstanceIds.New();

    /// <summary>Quieter console logging (the `up` progress display owns the terminal).</summary>
    public bool QuietConsole { get; init; }
}
