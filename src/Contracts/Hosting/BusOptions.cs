namespace CcTsa.Contracts.Hosting;

/// <summary>
/// How a process joins the message bus. Read by the control plane's BusSetup (in-memory or
/// RabbitMQ) and by the signer's SignerBus (RabbitMQ only), so both sides agree on one set of
/// settings without either referencing the other. Data only: the code that applies it lives in
/// each executable's Hosting folder.
/// </summary>
/// <param name="AmqpUri">RabbitMQ broker, e.g. amqp://guest:guest@127.0.0.1:5672/ (user info and
/// virtual host are taken from the URI). Null selects the in-memory transport (control plane only).</param>
public sealed record BusOptions(Uri? AmqpUri)
{
    /// <summary>
    /// Prefix of this process's queue names ("n3" for a signer, null for the control plane), so
    /// that each signer gets its own copy of a published message instead of competing for one.
    /// </summary>
    public string? EndpointPrefix { get; init; }

    /// <summary>Unacknowledged messages RabbitMQ may push to one consumer queue ahead of time.</summary>
    public ushort PrefetchCount { get; init; } = 128;

    /// <summary>Messages one receive endpoint handles at once (a bounded worker pool per queue).</summary>
    public int ConcurrentMessageLimit { get; init; } = 32;

    /// <summary>How long starting the bus (connecting to the broker, declaring topology) may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Queues are deleted when this process disconnects (tests and throwaway clients).</summary>
    public bool TemporaryEndpoints { get; init; }

    /// <summary>
    /// This process among several of the same kind (a control-plane instance id, e.g. "cp-1"):
    /// suffix of its fan-out queues (<c>BusSetup.AddFanOutConsumer</c>), so that every instance gets
    /// its own copy of what feeds its in-memory view. Null where nothing fans out (signers).
    /// </summary>
    public string? InstanceId { get; init; }
}
